namespace Inet.Codecs;

/// <summary>What is known about a file before its parts arrive; every field is optional.</summary>
public sealed record MultipartAssemblerOptions
{
    /// <summary>Announced file size in bytes (yEnc <c>size=</c>); parts past it are refused.</summary>
    public long? ExpectedSize { get; init; }

    /// <summary>Announced number of parts (yEnc <c>total=</c>); parts are numbered from 1.</summary>
    public int? ExpectedPartCount { get; init; }

    /// <summary>Announced CRC-32 of the whole file (yEnc <c>crc32=</c> on the last part).</summary>
    public uint? ExpectedCrc32 { get; init; }

    /// <summary>Replace an existing file with the final name instead of picking <c>name (1).ext</c>.</summary>
    public bool OverwriteExisting { get; init; }

    /// <summary>Set the temp file to <see cref="ExpectedSize"/> up front, so the disk space is claimed before parts arrive.</summary>
    public bool Preallocate { get; init; }

    /// <summary>
    /// Write whole aligned blocks past the page cache (Linux O_DIRECT) where the file system allows it: far less CPU
    /// per byte for large downloads. Each part is staged in a 1 MiB buffer until it ends; elsewhere this does nothing.
    /// </summary>
    public bool DirectWrites { get; init; }

    /// <summary>Tests: called before each write with its file offset; an exception it throws stands for a failed write.</summary>
    internal Action<long>? WriteFault { get; init; }
}
