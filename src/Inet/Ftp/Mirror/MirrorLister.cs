using Inet.Core;

namespace Inet.Ftp.Mirror;

/// <summary>
/// The walk's own connection: listings, and the small questions the walk asks (is this link a folder,
/// SIZE, MDTM, MKD). All paths are absolute, so changing folder to probe a link disturbs nothing. A
/// connection an error left unusable is replaced before the next question.
/// </summary>
internal sealed class MirrorLister : IAsyncDisposable
{
    private readonly FtpClientOptions _options;
    private FtpClient? _client;

    private MirrorLister(FtpClientOptions options, FtpClient client)
    {
        _options = options;
        _client = client;
    }

    /// <summary>The server's FEAT answer, asked once.</summary>
    public FtpFeatures Features { get; private set; } = FtpFeatures.Unknown;

    public static async Task<MirrorLister> ConnectAsync(FtpClientOptions options, CancellationToken cancellationToken)
    {
        var client = await FtpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        var lister = new MirrorLister(options, client);
        try
        {
            lister.Features = await client.FeaturesAsync(cancellationToken).ConfigureAwait(false);
            return lister;
        }
        catch
        {
            await lister.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The absolute path of <paramref name="remotePath"/> (relative ones start at the login folder).</summary>
    public async Task<string> AbsoluteAsync(string remotePath, CancellationToken cancellationToken)
    {
        if (remotePath.StartsWith('/'))
            return remotePath.Length > 1 ? remotePath.TrimEnd('/') : remotePath;
        var login = await (await ClientAsync(cancellationToken).ConfigureAwait(false)).PwdAsync(cancellationToken).ConfigureAwait(false);
        var path = remotePath.Length == 0 ? login : MirrorNames.Join(login, remotePath);
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>CWD then PWD: where the folder really is. Throws the server's refusal when it is not a folder.</summary>
    public async Task<string> EnterAsync(string path, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await client.CwdAsync(path, cancellationToken).ConfigureAwait(false);
        return await client.PwdAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="EnterAsync"/>, but null when the server will not enter it (a file, a broken link).</summary>
    public async Task<string?> TryEnterAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await EnterAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A folder's entries ("." and ".." left out), the folder's own <c>unique</c> fact (from MLSD's
    /// <c>type=cdir</c> line) when the server sends one, and every line that could not be read: the
    /// client's <see cref="FtpClient.ListAsync"/> only logs those, and the mirror reports them.
    /// </summary>
    public async Task<RemoteListing> ListAsync(string path, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var listing = new RemoteListing();
        var now = DateTimeOffset.UtcNow;
        var mlsd = Features.Mlst;
        await foreach (var line in client.RetrieveLinesAsync(mlsd ? "MLSD " + path : await client.ListCommandAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
        {
            if (mlsd ? line.Length == 0 : ListParser.IsSkippable(line))
                continue;
            if (!(mlsd ? MlsdParser.TryParse(line, out var item) : ListParser.TryParse(line, now, out item)))
                listing.Unreadable.Add(line);
            else if (item.Type == FtpItemType.CurrentDirectory)
                listing.SelfId ??= item.UniqueId;
            else if (item.Type != FtpItemType.ParentDirectory && (mlsd || item.Name is not ("." or ".."))) // LIST -a shows . and ..
                listing.Items.Add(item);
        }
        return listing;
    }

    /// <summary>SIZE, or null when not offered or refused (550: no such file, or a folder).</summary>
    public async Task<long?> SizeAsync(string path, CancellationToken cancellationToken)
    {
        if (!Features.Size)
            return null;
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.SizeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            return null;
        }
    }

    /// <summary>MDTM, or null when not offered or refused.</summary>
    public async Task<DateTimeOffset?> MdtmAsync(string path, CancellationToken cancellationToken)
    {
        if (!Features.Mdtm)
            return null;
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.MdtmAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            return null;
        }
    }

    public async Task MkdAsync(string path, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await client.MkdAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the connection over when the walk is done (it becomes a transfer worker: one login less), or
    /// null when it is no longer usable. The lister cannot be used afterwards.
    /// </summary>
    public async ValueTask<FtpClient?> HandOverAsync()
    {
        var client = _client;
        _client = null;
        if (client is { IsConnected: true })
            return client;
        if (client is not null)
            await client.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public ValueTask DisposeAsync() => _client?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<FtpClient> ClientAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_client is null, this);
        if (_client.IsConnected)
            return _client;
        await _client.DisposeAsync().ConfigureAwait(false);
        _client = await FtpClient.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        await _client.FeaturesAsync(cancellationToken).ConfigureAwait(false);
        return _client;
    }
}
