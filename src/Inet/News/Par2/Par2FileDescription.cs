namespace Inet.News.Par2;

/// <summary>A File Description packet: what an input file should look like.</summary>
/// <param name="FileId">MD5 of (16k hash, length, name); how the other packets refer to the file.</param>
/// <param name="Md5">MD5 of the whole file.</param>
/// <param name="Md5First16K">MD5 of the first 16 KiB (or the whole file if shorter); finds renamed files.</param>
/// <param name="Length">File length in bytes.</param>
/// <param name="Name">File name as stored (raw, possibly with '/' subfolders; never trusted as a path).</param>
public sealed record Par2FileDescription(Par2Hash FileId, Par2Hash Md5, Par2Hash Md5First16K, long Length, string Name);
