namespace Inet.Ftp;

/// <summary>An entry a mirror left alone, and why.</summary>
/// <param name="Path">Relative to the mirrored folder, control characters escaped (\x0d) so it prints safely.</param>
/// <param name="Name">The name exactly as listed.</param>
/// <param name="Reason">The kind of reason.</param>
/// <param name="Detail">The reason in words.</param>
public sealed record FtpMirrorSkip(string Path, string Name, FtpMirrorSkipReason Reason, string Detail);
