namespace Inet.News.Par2;

/// <summary>One input file of a recovery set: its description and, when an IFSC packet was
/// found, the per-slice checksums.</summary>
public sealed record Par2FileEntry(Par2FileDescription Description, IReadOnlyList<Par2SliceChecksum>? Slices, bool InRecoverySet);
