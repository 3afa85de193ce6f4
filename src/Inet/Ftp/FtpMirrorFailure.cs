namespace Inet.Ftp;

/// <summary>A file that could not be transferred, or a folder (path ending in '/') that could not be listed or made.</summary>
/// <param name="Path">Relative to the mirrored folder.</param>
/// <param name="Message">What went wrong, printable.</param>
/// <param name="Exception">The error itself: a <see cref="Core.ProtocolException"/> for a refusal (550...), an <see cref="FtpIncompleteTransferException"/>, an <see cref="IOException"/>.</param>
public sealed record FtpMirrorFailure(string Path, string Message, Exception Exception);
