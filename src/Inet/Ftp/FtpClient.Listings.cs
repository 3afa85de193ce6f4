using System.Runtime.CompilerServices;
using System.Text;
using Inet.Core;

namespace Inet.Ftp;

public sealed partial class FtpClient
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The entries of a folder (the current one when <paramref name="path"/> is null): MLSD when the
    /// server offers MLST (RFC 3659, exact sizes and UTC times), else LIST parsed from Unix or DOS
    /// style (with -a on Unix servers, for dot files). "." and ".." are left out; lines that cannot be
    /// read are logged and skipped.
    /// </summary>
    public async IAsyncEnumerable<FtpItem> ListAsync(string? path = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if ((await FeaturesAsync(cancellationToken).ConfigureAwait(false)).Mlst)
        {
            await foreach (var item in MlsdAsync(path, cancellationToken).ConfigureAwait(false))
            {
                if (item.Type is not (FtpItemType.CurrentDirectory or FtpItemType.ParentDirectory) && item.Name is not ("." or ".."))
                    yield return item;
            }
            yield break;
        }
        var now = DateTimeOffset.UtcNow;
        await foreach (var line in LinesAsync(await ListCommandAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
        {
            if (ListParser.IsSkippable(line))
                continue;
            if (ListParser.TryParse(line, now, out var item))
            {
                if (item.Name is not ("." or ".."))
                    yield return item;
            }
            else
            {
                _connection.Log.Info($"unreadable LIST line skipped: \"{Printable.Escape(line)}\"");
            }
        }
    }

    /// <summary>
    /// The LIST command for a parsed listing: "LIST -a path" on Unix servers (SYST "UNIX ..."), so that
    /// vsftpd and others show dot files, else plain LIST. <see cref="FtpClientOptions.ListHiddenFiles"/> turns the -a off.
    /// </summary>
    internal async Task<string> ListCommandAsync(string? path, CancellationToken cancellationToken)
    {
        var verb = "LIST";
        if (_options.ListHiddenFiles)
        {
            _unixSystem ??= await IsUnixSystemAsync(cancellationToken).ConfigureAwait(false);
            if (_unixSystem.Value)
                verb = "LIST -a";
        }
        return path is null ? verb : verb + " " + CommandGuard.Check(path, nameof(path));
    }

    private bool? _unixSystem;

    private async Task<bool> IsUnixSystemAsync(CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("SYST", cancellationToken).ConfigureAwait(false);
        return reply.Code == 215 && reply.Text.StartsWith("UNIX", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>MLSD (RFC 3659): machine-readable entries, "." and ".." included as the server sends them.</summary>
    public async IAsyncEnumerable<FtpItem> MlsdAsync(string? path = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in LinesAsync(path is null ? "MLSD" : Command("MLSD", path, nameof(path)), cancellationToken).ConfigureAwait(false))
        {
            if (line.Length == 0)
                continue;
            if (MlsdParser.TryParse(line, out var item))
                yield return item;
            else
                _connection.Log.Info($"unreadable MLSD line skipped: \"{Printable.Escape(line)}\"");
        }
    }

    /// <summary>LIST: the server's own listing lines (ftplib's dir), unparsed.</summary>
    public IAsyncEnumerable<string> DirAsync(string? path = null, CancellationToken cancellationToken = default) =>
        LinesAsync(path is null ? "LIST" : Command("LIST", path, nameof(path)), cancellationToken);

    /// <summary>NLST: names only (ftplib's nlst).</summary>
    public async IAsyncEnumerable<string> NlstAsync(string? path = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in LinesAsync(path is null ? "NLST" : Command("NLST", path, nameof(path)), cancellationToken).ConfigureAwait(false))
        {
            if (line.Length > 0)
                yield return line;
        }
    }

    /// <summary>MLST path (250, RFC 3659 7): one entry's facts over the control connection.</summary>
    public async Task<FtpItem> MlstAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await ExpectAsync(Command("MLST", path, nameof(path)), 250, cancellationToken).ConfigureAwait(false);
        // The entry is the one line of the reply that starts with a space (RFC 3659 7.2).
        foreach (var line in reply.MoreLines)
        {
            if (line.StartsWith(' ') && MlsdParser.TryParse(line.AsSpan(1), out var item))
                return item;
        }
        throw Malformed(reply);
    }

    /// <summary>
    /// ftplib's retrlines: runs <paramref name="command"/> (e.g. "RETR notes.txt" or "LIST") in TYPE A and
    /// yields each line without its line ending.
    /// </summary>
    public async IAsyncEnumerable<string> RetrieveLinesAsync(string command, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTypeAsync(FtpTransferType.Ascii, cancellationToken).ConfigureAwait(false);
        await foreach (var line in LinesAsync(CommandGuard.Check(command, nameof(command)), cancellationToken).ConfigureAwait(false))
            yield return line;
    }

    /// <summary>Lines of a transfer's data (CRLF or LF), UTF-8 where valid and Latin-1 otherwise; a last line without an ending counts.</summary>
    private async IAsyncEnumerable<string> LinesAsync(string command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var data = await BeginTransferAsync(command, 0, upload: false, bulkDownload: false, cancellationToken).ConfigureAwait(false);
        data.Binary = false;
        using var reader = new LineReader(data, _options.Connection.MaxLineLength);
        while (true)
        {
            string? line = null;
            if (reader.TryReadLine(out var span))
                line = Decode(span);
            else if (!await reader.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.Buffered.Length > 0)
                {
                    line = Decode(reader.Buffered.TrimEnd((byte)'\r'));
                    reader.Consume(reader.Buffered.Length);
                }
                else
                {
                    break;
                }
            }
            if (line is not null)
                yield return line;
        }
        await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
