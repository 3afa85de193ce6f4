using Inet.Core;

namespace Inet.Ftp;

public sealed partial class FtpClient
{
    private FtpTransferType? _type;

    /// <summary>PWD (257): the current folder, with RFC 959's doubled quotes undone.</summary>
    public async Task<string> PwdAsync(CancellationToken cancellationToken = default)
    {
        var reply = await ExpectAsync("PWD", 257, cancellationToken).ConfigureAwait(false);
        return FtpReplyText.TryParseQuotedPath(reply.Text, out var path) ? path : throw Malformed(reply);
    }

    /// <summary>CWD path (250).</summary>
    public Task CwdAsync(string path, CancellationToken cancellationToken = default) =>
        ExpectAsync(Command("CWD", path, nameof(path)), 2, cancellationToken);

    /// <summary>CDUP (200 or 250): to the parent folder.</summary>
    public Task CdupAsync(CancellationToken cancellationToken = default) =>
        ExpectAsync("CDUP", 2, cancellationToken);

    /// <summary>MKD path (257): returns the created folder's path as the server quotes it, else <paramref name="path"/>.</summary>
    public async Task<string> MkdAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await ExpectAsync(Command("MKD", path, nameof(path)), 2, cancellationToken).ConfigureAwait(false);
        if (reply.Code != 257)
            return path;
        return FtpReplyText.TryParseQuotedPath(reply.Text, out var created) ? created : throw Malformed(reply);
    }

    /// <summary>RMD path (250): removes an empty folder.</summary>
    public Task RmdAsync(string path, CancellationToken cancellationToken = default) =>
        ExpectAsync(Command("RMD", path, nameof(path)), 2, cancellationToken);

    /// <summary>DELE path (250): deletes a file.</summary>
    public Task DeleAsync(string path, CancellationToken cancellationToken = default) =>
        ExpectAsync(Command("DELE", path, nameof(path)), 2, cancellationToken);

    /// <summary>RNFR from (350), then RNTO to (250). Both names are checked before either is sent.</summary>
    public async Task RenameAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var rnfr = Command("RNFR", from, nameof(from));
        var rnto = Command("RNTO", to, nameof(to));
        await ExpectAsync(rnfr, 350, cancellationToken).ConfigureAwait(false);
        await ExpectAsync(rnto, 2, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIZE path (213, RFC 3659): the size in bytes in the current TYPE.</summary>
    public async Task<long> SizeAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await ExpectAsync(Command("SIZE", path, nameof(path)), 213, cancellationToken).ConfigureAwait(false);
        return FtpReplyText.TryParseSize(reply.Text, out var size) ? size : throw Malformed(reply);
    }

    /// <summary>MDTM path (213 YYYYMMDDHHMMSS[.sss], RFC 3659): the modification time in UTC.</summary>
    public async Task<DateTimeOffset> MdtmAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await ExpectAsync(Command("MDTM", path, nameof(path)), 213, cancellationToken).ConfigureAwait(false);
        return FtpReplyText.TryParseTime(reply.Text, out var time) ? time : throw Malformed(reply);
    }

    /// <summary>MFMT YYYYMMDDHHMMSS path (213): sets the modification time (to the second, in UTC).</summary>
    public Task MfmtAsync(string path, DateTimeOffset modified, CancellationToken cancellationToken = default) =>
        ExpectAsync("MFMT " + FtpReplyText.FormatTime(modified) + " " + CommandGuard.Check(path, nameof(path)), 2, cancellationToken);

    /// <summary>TYPE A or TYPE I (200).</summary>
    public async Task TypeAsync(FtpTransferType type, CancellationToken cancellationToken = default)
    {
        _type = null; // unknown until the server agrees
        await ExpectAsync(type switch
        {
            FtpTransferType.Ascii => "TYPE A",
            FtpTransferType.Binary => "TYPE I",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        }, 2, cancellationToken).ConfigureAwait(false);
        _type = type;
    }

    /// <summary>TYPE, only when the session is not in that type already.</summary>
    private Task EnsureTypeAsync(FtpTransferType type, CancellationToken cancellationToken) =>
        _type == type ? Task.CompletedTask : TypeAsync(type, cancellationToken);

    /// <summary>MODE S: stream mode, the only transfer mode the client speaks (RFC 959 3.4, RFC 1123 4.1.2.2).</summary>
    public Task ModeStreamAsync(CancellationToken cancellationToken = default) => ExpectAsync("MODE S", 2, cancellationToken);

    /// <summary>STRU F: file structure, a file as a stream of bytes (RFC 959 3.1.2).</summary>
    public Task StructureFileAsync(CancellationToken cancellationToken = default) => ExpectAsync("STRU F", 2, cancellationToken);
}
