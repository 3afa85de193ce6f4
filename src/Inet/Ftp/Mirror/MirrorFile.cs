namespace Inet.Ftp.Mirror;

/// <summary>
/// A file that needs a transfer. <see cref="Size"/> and <see cref="Time"/> describe the sending side (remote
/// for a download, local for an upload), as far as the walk learnt them.
/// </summary>
internal sealed record MirrorFile(string Display, string RemotePath, string LocalPath, long? Size, DateTimeOffset? Time, TimeSpan Precision);
