namespace Inet.News;

/// <summary>What <see cref="SubjectParser"/> found in a Usenet binary post subject.</summary>
/// <param name="FileName">The file name exactly as posted (not sanitised; pass it through
/// <c>Inet.Codecs.SafeFileName</c> before touching the disk), or null when none was recognised.</param>
/// <param name="Part">The part (article) number from a trailing <c>(n/N)</c>, or null.</param>
/// <param name="TotalParts">The part count from a trailing <c>(n/N)</c>, or null.</param>
/// <param name="FileNumber">The file number from a <c>[n/N]</c> counter, or null.</param>
/// <param name="FileCount">The file count from a <c>[n/N]</c> counter, or null.</param>
public sealed record ParsedSubject(string? FileName, int? Part, int? TotalParts, int? FileNumber, int? FileCount);
