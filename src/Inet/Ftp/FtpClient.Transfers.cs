using System.Globalization;
using Inet.Core;

namespace Inet.Ftp;

public sealed partial class FtpClient
{
    /// <summary>RETR path: the file's data as a stream (REST <paramref name="offset"/> first when non-zero). Complete it at the end.</summary>
    public Task<FtpTransferStream> OpenReadAsync(string path, long offset = 0, FtpTransferType type = FtpTransferType.Binary, CancellationToken cancellationToken = default) =>
        OpenAsync(Command("RETR", path, nameof(path)), offset, upload: false, type, bulkDownload: false, cancellationToken);

    /// <summary>STOR path (REST <paramref name="offset"/> first when non-zero: the server writes from there on).</summary>
    public Task<FtpTransferStream> OpenWriteAsync(string path, long offset = 0, FtpTransferType type = FtpTransferType.Binary, CancellationToken cancellationToken = default) =>
        OpenAsync(Command("STOR", path, nameof(path)), offset, upload: true, type, bulkDownload: false, cancellationToken);

    /// <summary>APPE path: appends to the file (creates it when missing).</summary>
    public Task<FtpTransferStream> OpenAppendAsync(string path, FtpTransferType type = FtpTransferType.Binary, CancellationToken cancellationToken = default) =>
        OpenAsync(Command("APPE", path, nameof(path)), 0, upload: true, type, bulkDownload: false, cancellationToken);

    /// <summary>STOU: the server picks a unique name (see <see cref="FtpTransferResult.RemoteName"/>).</summary>
    public Task<FtpTransferStream> OpenUniqueWriteAsync(FtpTransferType type = FtpTransferType.Binary, CancellationToken cancellationToken = default) =>
        OpenAsync("STOU", 0, upload: true, type, bulkDownload: false, cancellationToken);

    /// <summary>
    /// Downloads <paramref name="path"/> into <paramref name="destination"/> from
    /// <paramref name="offset"/> on (resume). In binary mode the size is asked first (SIZE, when
    /// offered) so that a transfer that ends early is caught even when the 150 reply gives none. ASCII
    /// mode writes LF line endings. A caller that already asked SIZE passes it as <paramref name="remoteSize"/>.
    /// </summary>
    public async Task<FtpTransferResult> DownloadAsync(string path, Stream destination, long offset = 0,
        FtpTransferType type = FtpTransferType.Binary, long? remoteSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        CommandGuard.Check(path, nameof(path));
        long? expected = null;
        if (type == FtpTransferType.Binary && _options.VerifyTransferSize
            && (remoteSize is not null || (await FeaturesAsync(cancellationToken).ConfigureAwait(false)).Size))
        {
            await EnsureTypeAsync(type, cancellationToken).ConfigureAwait(false);
            var size = remoteSize ?? await SizeAsync(path, cancellationToken).ConfigureAwait(false);
            if (offset > size)
                throw new ArgumentOutOfRangeException(nameof(offset), $"The restart offset {offset} is past the end of the {size}-byte file.");
            expected = size - offset;
        }
        // A large download (or one of unknown size) gets a blocking data connection, read on a thread of its own.
        var bulk = type == FtpTransferType.Binary && (expected ?? long.MaxValue) >= OwnThreadDownload;
        await using var data = await OpenAsync(Command("RETR", path, nameof(path)), offset, upload: false, type, bulk, cancellationToken).ConfigureAwait(false);
        data.ExpectedLength = expected;
        await CopyDownAsync(data, destination, type, cancellationToken).ConfigureAwait(false);
        return await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads <paramref name="source"/> (from its current position) to <paramref name="path"/>: STOR,
    /// or REST <paramref name="offset"/> + STOR to resume. In binary mode the server's SIZE afterwards
    /// must be offset + the bytes sent. ASCII mode sends CRLF line endings.
    /// </summary>
    public async Task<FtpTransferResult> UploadAsync(string path, Stream source, long offset = 0,
        FtpTransferType type = FtpTransferType.Binary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        CommandGuard.Check(path, nameof(path));
        FtpTransferResult result;
        await using (var data = await OpenWriteAsync(path, offset, type, cancellationToken).ConfigureAwait(false))
        {
            await CopyUpAsync(source, data, type, cancellationToken).ConfigureAwait(false);
            result = await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await VerifyUploadAsync(path, type, offset + result.Bytes, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Appends <paramref name="source"/> to <paramref name="path"/> (APPE); the size is checked before and
    /// after when SIZE is offered. A caller that already asked SIZE passes it as <paramref name="remoteSize"/>.
    /// </summary>
    public async Task<FtpTransferResult> AppendAsync(string path, Stream source, FtpTransferType type = FtpTransferType.Binary,
        long? remoteSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        CommandGuard.Check(path, nameof(path));
        long? before = null;
        if (type == FtpTransferType.Binary && _options.VerifyTransferSize && (await FeaturesAsync(cancellationToken).ConfigureAwait(false)).Size)
        {
            await EnsureTypeAsync(type, cancellationToken).ConfigureAwait(false);
            before = remoteSize ?? await SizeOrNullAsync(path, cancellationToken).ConfigureAwait(false) ?? 0;
        }
        FtpTransferResult result;
        await using (var data = await OpenAppendAsync(path, type, cancellationToken).ConfigureAwait(false))
        {
            await CopyUpAsync(source, data, type, cancellationToken).ConfigureAwait(false);
            result = await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        if (before is { } start)
            await VerifyUploadAsync(path, type, start + result.Bytes, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Uploads under a name the server chooses (STOU); the result carries the name when the server gives it.</summary>
    public async Task<FtpTransferResult> UploadUniqueAsync(Stream source, FtpTransferType type = FtpTransferType.Binary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var data = await OpenUniqueWriteAsync(type, cancellationToken).ConfigureAwait(false);
        await CopyUpAsync(source, data, type, cancellationToken).ConfigureAwait(false);
        return await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIZE, or null when the server says the file is not there (550).</summary>
    public async Task<long?> SizeOrNullAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SizeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpFileUnavailableException)
        {
            return null;
        }
    }

    /// <summary>The FEAT answer, asked once per session.</summary>
    public async Task<FtpFeatures> FeaturesAsync(CancellationToken cancellationToken = default)
    {
        if (!_featuresAsked)
        {
            _featuresAsked = true;
            await FeatAsync(cancellationToken).ConfigureAwait(false);
        }
        return Features;
    }

    private bool _featuresAsked;

    private async Task<FtpTransferStream> OpenAsync(string command, long offset, bool upload, FtpTransferType type, bool bulkDownload,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        EnsureNoTransfer();
        await EnsureTypeAsync(type, cancellationToken).ConfigureAwait(false);
        var stream = await BeginTransferAsync(command, offset, upload, bulkDownload, cancellationToken).ConfigureAwait(false);
        stream.Binary = type == FtpTransferType.Binary;
        return stream;
    }

    private async Task VerifyUploadAsync(string path, FtpTransferType type, long expected, FtpTransferResult result, CancellationToken cancellationToken)
    {
        if (type != FtpTransferType.Binary || !_options.VerifyTransferSize || !(await FeaturesAsync(cancellationToken).ConfigureAwait(false)).Size)
            return;
        var size = await SizeAsync(path, cancellationToken).ConfigureAwait(false);
        if (size != expected)
        {
            throw new FtpIncompleteTransferException(
                string.Create(CultureInfo.InvariantCulture, $"The server has {size} bytes of \"{path}\" after the upload; {expected} were due."),
                result.Bytes, expected, result.Reply);
        }
    }

    /// <summary>The data to <paramref name="destination"/>, LF line endings in ASCII mode.</summary>
    private static Task CopyDownAsync(FtpTransferStream data, Stream destination, FtpTransferType type, CancellationToken cancellationToken) =>
        ((IBlockingSource)data).ReadsBlocking // a bulk download: DownloadAsync opened its connection in blocking mode
            ? BlockPump.CopyOnOwnThreadAsync(data, destination, cancellationToken: cancellationToken)
            : BlockPump.CopyAsync(data, destination, type == FtpTransferType.Ascii ? new AsciiNewlines.ToLocal() : null, cancellationToken: cancellationToken);

    /// <summary>
    /// From this size on (or when the size is unknown) a binary download gets a blocking data connection and is
    /// read on a thread of its own (see <see cref="DataConnection"/>); a smaller one is not worth a thread.
    /// </summary>
    private const long OwnThreadDownload = 1 << 20;

    /// <summary><paramref name="source"/> to the data connection, CRLF line endings in ASCII mode.</summary>
    private static Task CopyUpAsync(Stream source, FtpTransferStream data, FtpTransferType type, CancellationToken cancellationToken) =>
        BlockPump.CopyAsync(source, data, type == FtpTransferType.Ascii ? new AsciiNewlines.ToWire() : null, cancellationToken: cancellationToken);
}
