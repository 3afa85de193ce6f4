namespace Inet.Ftp;

/// <summary>
/// One step of a mirror run, with the running totals a progress bar needs. Bytes of resumed files count as
/// done from the start; a failed file counts as done so the totals still meet.
/// </summary>
/// <param name="Event">What happened.</param>
/// <param name="Path">The file or folder, relative to the mirrored folder.</param>
/// <param name="FileBytes">For file events: the file's bytes so far, resumed part included.</param>
/// <param name="FileSize">For file events: its size, when known.</param>
/// <param name="FilesDone">Files finished (copied or failed).</param>
/// <param name="FilesQueued">Files found that need a transfer, so far.</param>
/// <param name="BytesDone">Bytes of queued files done.</param>
/// <param name="BytesQueued">Bytes of queued files, so far.</param>
public sealed record FtpMirrorProgress(FtpMirrorEvent Event, string Path, long FileBytes, long? FileSize,
    int FilesDone, int FilesQueued, long BytesDone, long BytesQueued);
