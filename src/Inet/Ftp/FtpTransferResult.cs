using Inet.Core;

namespace Inet.Ftp;

/// <summary>A finished transfer: bytes over the data connection and the server's final reply (226 or 250).</summary>
/// <param name="Bytes">Bytes sent or received on the data connection (before any ASCII line-ending conversion).</param>
/// <param name="Reply">The final reply.</param>
/// <param name="RemoteName">For STOU, the name the server chose, when it said.</param>
public sealed record FtpTransferResult(long Bytes, Reply Reply, string? RemoteName = null);
