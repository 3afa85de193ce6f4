namespace Inet.Codecs.Yenc;

/// <summary>One output file of <see cref="YencFileDecoder"/>: the name the posts gave and how assembly went.</summary>
/// <param name="Name">The <c>name=</c> from the posts (untrusted; the file on disk has the sanitized name).</param>
/// <param name="Assembly">Parts found and missing, CRC, final path and status.</param>
/// <param name="Sources">The input files that held its parts.</param>
public sealed record YencDecodedFile(string Name, AssemblyResult Assembly, IReadOnlyList<string> Sources);
