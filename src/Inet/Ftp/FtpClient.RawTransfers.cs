using System.Buffers;
using Inet.Core;

namespace Inet.Ftp;

/// <summary>Transfers named by a whole command line, as Python's ftplib takes them (retrbinary, storbinary, storlines).</summary>
public sealed partial class FtpClient
{
    /// <summary>
    /// ftplib's retrbinary: TYPE I, then <paramref name="command"/> (e.g. "RETR file"); each block of
    /// at most <paramref name="blockSize"/> bytes goes to <paramref name="callback"/>. <paramref name="rest"/>
    /// sends REST first.
    /// </summary>
    public async Task<FtpTransferResult> RetrieveBinaryAsync(string command, Func<ReadOnlyMemory<byte>, ValueTask> callback,
        int blockSize = 8192, long rest = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        await using var data = await OpenAsync(CommandGuard.Check(command, nameof(command)), rest, upload: false, FtpTransferType.Binary, bulkDownload: false, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        try
        {
            int read;
            while ((read = await data.ReadAsync(buffer.AsMemory(0, blockSize), cancellationToken).ConfigureAwait(false)) > 0)
                await callback(buffer.AsMemory(0, read)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ftplib's storbinary: TYPE I, then <paramref name="command"/> (e.g. "STOR file"), sending <paramref name="source"/> in blocks.</summary>
    public async Task<FtpTransferResult> StoreBinaryAsync(string command, Stream source, int blockSize = 8192, long rest = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        await using var data = await OpenAsync(CommandGuard.Check(command, nameof(command)), rest, upload: true, FtpTransferType.Binary, bulkDownload: false, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, blockSize), cancellationToken).ConfigureAwait(false)) > 0)
                await data.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ftplib's storlines: TYPE A, then <paramref name="command"/>; every line of <paramref name="source"/> is sent with CRLF.</summary>
    public async Task<FtpTransferResult> StoreLinesAsync(string command, Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var data = await OpenAsync(CommandGuard.Check(command, nameof(command)), 0, upload: true, FtpTransferType.Ascii, bulkDownload: false, cancellationToken).ConfigureAwait(false);
        await CopyUpAsync(source, data, FtpTransferType.Ascii, cancellationToken).ConfigureAwait(false);
        return await data.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ABOR of the transfer in progress, as ftplib's abort: disposing the transfer's stream does the same.</summary>
    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        if (_transfer is { } transfer)
            await transfer.DisposeAsync().ConfigureAwait(false);
        else
            await AbortTransferAsync(cancellationToken).ConfigureAwait(false);
    }
}
