namespace Inet.Codecs;

/// <summary>A half-open range of bytes in a file: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>First byte after the range.</summary>
    public long End => Start + Length;

    /// <summary>True when both ranges share at least one byte.</summary>
    public bool Overlaps(ByteRange other) =>
        Length > 0 && other.Length > 0 && Start < other.End && other.Start < End;

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}, {End})";
}
