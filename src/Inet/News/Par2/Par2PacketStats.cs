namespace Inet.News.Par2;

/// <summary>Counts of what was seen while reading .par2 volumes.</summary>
/// <param name="Valid">Packets whose MD5 matched (recovery slices excluded: their data is skipped unread).</param>
/// <param name="Damaged">Packets or byte ranges rejected: bad length, wrong MD5, truncated, malformed body.</param>
/// <param name="Duplicate">Valid packets already seen (PAR2 repeats critical packets in every volume).</param>
/// <param name="Foreign">Valid packets of another recovery set.</param>
/// <param name="Unknown">Valid packets of types this reader does not use (comments, Unicode names, ...).</param>
public sealed record Par2PacketStats(int Valid, int Damaged, int Duplicate, int Foreign, int Unknown);
