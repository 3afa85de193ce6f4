using System.Buffers;
using System.IO.Hashing;
using Inet.Codecs;
using Microsoft.Win32.SafeHandles;

namespace Inet.News.Download;

/// <summary>
/// Applies an earlier run's journal: finished files are skipped, unfinished ones get their temp file back
/// with every journaled segment whose bytes still match its CRC (re-read from disk, so a segment is only
/// trusted if it is really there).
/// </summary>
internal static class ResumeLoader
{
    private const int BufferSize = 256 * 1024;

    /// <summary>Returns the number of segments taken as done.</summary>
    public static int Apply(JobJournal journal, IReadOnlyList<DownloadFile> files, string directory, bool directWrites, DownloadReport report)
    {
        var resumed = 0;
        foreach (var (index, saved) in journal.Files)
        {
            if (index < 0 || index >= files.Count)
                continue;
            var file = files[index];
            if (saved.Finished is { } finished)
            {
                file.ResumeFinished(finished with { Path = finished.Path is null ? null : Path.Combine(directory, finished.Path) });
                resumed += file.Nzb.Segments.Count;
                continue;
            }
            var tempPath = Path.Combine(directory, saved.TempLeaf);
            if (saved.TempLeaf.Length == 0 || !File.Exists(tempPath))
                continue;
            MultipartAssembler assembler;
            Dictionary<int, PartRecord> good;
            try
            {
                good = Verified(tempPath, saved.Segments);
                var options = new MultipartAssemblerOptions { ExpectedSize = saved.Size, ExpectedPartCount = saved.Parts, Preallocate = true, DirectWrites = directWrites };
                assembler = MultipartAssembler.Resume(directory, saved.Name, saved.TempLeaf, options, good.Values);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                report.Warn($"{saved.Name}: cannot resume ({e.Message}); downloading again");
                continue;
            }
            if (good.Count < saved.Segments.Count)
                report.Warn($"{saved.Name}: {saved.Segments.Count - good.Count} journaled segments did not match on disk; fetching them again");
            var valid = good.Keys.Where(s => file.Nzb.Segments.Any(n => n.Number == s)).ToList();
            file.Resume(assembler, valid);
            resumed += valid.Count;
        }
        return resumed;
    }

    /// <summary>The parts whose bytes in the temp file still match their CRC.</summary>
    internal static Dictionary<int, PartRecord> Verified(string path, Dictionary<int, PartRecord> segments)
    {
        var good = new Dictionary<int, PartRecord>();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = RandomAccess.GetLength(handle);
            foreach (var (segment, part) in segments)
            {
                if (part.Offset + part.Length <= length && Crc(handle, buffer, part.Offset, part.Length) == part.Crc32)
                    good[segment] = part;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return good;
    }

    private static uint? Crc(SafeFileHandle handle, byte[] buffer, long offset, long length)
    {
        var crc = new Crc32();
        while (length > 0)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length)), offset);
            if (read == 0)
                break;
            crc.Append(buffer.AsSpan(0, read));
            offset += read;
            length -= read;
        }
        return length == 0 ? crc.GetCurrentHashAsUInt32() : null; // the file is shorter than the journal says
    }
}
