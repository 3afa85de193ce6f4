namespace Inet.Codecs.Yenc;

/// <summary>What <see cref="YencPartReader"/> found and decoded for one part.</summary>
public sealed record YencPartResult
{
    /// <summary>Overall verdict.</summary>
    public required YencPartStatus Status { get; init; }

    /// <summary>File name from <c>=ybegin</c>; untrusted, only for display or <c>SafeFileName</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Whole file size from <c>=ybegin</c>.</summary>
    public long FileSize { get; init; }

    /// <summary>Part number, 0 for a single-part post.</summary>
    public int Part { get; init; }

    /// <summary>Total parts announced, 0 when not given.</summary>
    public int Total { get; init; }

    /// <summary>First byte of this part in the file, 1-based (1 for single-part posts).</summary>
    public long Begin { get; init; } = 1;

    /// <summary>Last byte of this part in the file, 1-based and inclusive.</summary>
    public long End { get; init; }

    /// <summary>Line length the encoder announced.</summary>
    public int LineLength { get; init; }

    /// <summary>Bytes decoded and written to the destination.</summary>
    public long DecodedLength { get; init; }

    /// <summary>CRC32 of the decoded bytes.</summary>
    public uint Crc32 { get; init; }

    /// <summary>The <c>pcrc32</c> the encoder sent, if any.</summary>
    public uint? ExpectedPartCrc32 { get; init; }

    /// <summary>The whole-file <c>crc32</c> the encoder sent, if any.</summary>
    public uint? ExpectedCrc32 { get; init; }

    /// <summary>The <c>size</c> from <c>=yend</c>, if that line was read.</summary>
    public long? EndSize { get; init; }

    /// <summary>Zero-based offset of this part in the file.</summary>
    public long Offset => Begin - 1;

    /// <summary>True when <see cref="Status"/> is <see cref="YencPartStatus.Ok"/>.</summary>
    public bool IsOk => Status == YencPartStatus.Ok;
}
