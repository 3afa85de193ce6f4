namespace Inet.Codecs;

/// <summary>A part that was refused, with its byte range and, for overlaps, the part it collided with.</summary>
public sealed record PartConflict(PartConflictKind Kind, int PartNumber, ByteRange Range, int? OtherPartNumber)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PartConflictKind.Overlap => $"part {PartNumber} {Range} overlaps part {OtherPartNumber}",
        PartConflictKind.Duplicate => $"part {PartNumber} {Range} is a duplicate",
        _ => $"part {PartNumber} {Range} is out of range",
    };
}
