namespace Inet.Codecs;

/// <summary>The outcome of <see cref="MultipartAssembler.Finish"/>: where the file went and what was wrong with it.</summary>
public sealed record AssemblyResult
{
    /// <summary>Ok, or why not.</summary>
    public required AssemblyStatus Status { get; init; }

    /// <summary>Where the file is now: its final name when Ok, <c>name.damaged</c>/<c>name.incomplete</c> otherwise; null if nothing was written.</summary>
    public required string? Path { get; init; }

    /// <summary>The sanitized name the file was meant to have.</summary>
    public required string FileName { get; init; }

    /// <summary>Size of the file in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>CRC-32 of the whole file, when the written parts tile it exactly and it is not incomplete; otherwise null.</summary>
    public required uint? Crc32 { get; init; }

    /// <summary>Part numbers that were written (ok or damaged), ascending.</summary>
    public required IReadOnlyList<int> PartsFound { get; init; }

    /// <summary>Part numbers that never arrived, ascending.</summary>
    public required IReadOnlyList<int> PartsMissing { get; init; }

    /// <summary>Part numbers whose data arrived with a wrong CRC or length, or cut short.</summary>
    public required IReadOnlyList<int> PartsDamaged { get; init; }

    /// <summary>Byte ranges of the file that no part covered.</summary>
    public required IReadOnlyList<ByteRange> MissingRanges { get; init; }

    /// <summary>Duplicate, overlapping and out-of-range parts that were refused.</summary>
    public required IReadOnlyList<PartConflict> Conflicts { get; init; }

    /// <summary>Every part that was written, by offset.</summary>
    public required IReadOnlyList<PartRecord> Parts { get; init; }

    /// <summary>True when the file is complete and verified.</summary>
    public bool IsOk => Status == AssemblyStatus.Ok;
}
