namespace Inet.Ftp;

/// <summary>One file a mirror copied.</summary>
/// <param name="Path">Relative to the mirrored folder.</param>
/// <param name="Bytes">Bytes moved this run.</param>
/// <param name="ResumedFrom">Where the transfer started: the length of the partial file left by an earlier run, else 0.</param>
public sealed record FtpMirrorTransfer(string Path, long Bytes, long ResumedFrom);
