using System.Text;
using System.Text.Json;
using Inet.Codecs;

namespace Inet.News.Download;

/// <summary>
/// The state file of a job: an append-only list of JSON lines: a file's temp file was opened, a segment
/// was written and verified (with its offset, length and CRC), a file was finished. Each line is written
/// (and flushed to the OS) after the data it describes, so a killed process loses at most the segments in
/// flight; a torn last line is ignored on reading.
/// </summary>
internal sealed class JobJournal : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _stream;

    private JobJournal(string path, FileStream stream, Dictionary<int, JournalFile> files)
    {
        Path = path;
        _stream = stream;
        Files = files;
    }

    public string Path { get; }

    /// <summary>What earlier runs recorded, by file index.</summary>
    public IReadOnlyDictionary<int, JournalFile> Files { get; }

    /// <summary>Reads the journal at <paramref name="path"/> (if any) and opens it for appending.</summary>
    public static JobJournal Open(string path, string jobId)
    {
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var files = new Dictionary<int, JournalFile>();
        var matches = true;
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!TryParse(line, files, jobId) && line.Contains("\"job\"", StringComparison.Ordinal))
                    matches = false;
            }
        }
        if (!matches)
            files.Clear();
        var stream = new FileStream(path, matches ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        var journal = new JobJournal(path, stream, files);
        if (stream.Length == 0)
            journal.Write(w => { w.WriteString("k", "job"); w.WriteString("id", jobId); });
        return journal;
    }

    public void FileOpened(int file, MultipartAssembler assembler, long? size, int parts) => Write(w =>
    {
        w.WriteString("k", "open");
        w.WriteNumber("f", file);
        w.WriteString("name", assembler.FileName);
        w.WriteString("temp", System.IO.Path.GetFileName(assembler.TempPath));
        if (size is { } s)
            w.WriteNumber("size", s);
        w.WriteNumber("parts", parts);
    });

    public void SegmentDone(int file, int segment, PartRecord part) => Write(w =>
    {
        w.WriteString("k", "seg");
        w.WriteNumber("f", file);
        w.WriteNumber("s", segment);
        w.WriteNumber("p", part.PartNumber);
        w.WriteNumber("o", part.Offset);
        if (part.ExpectedLength is { } e)
            w.WriteNumber("e", e);
        w.WriteNumber("l", part.Length);
        w.WriteNumber("c", part.Crc32);
    });

    public void FileFinished(int file, DownloadFileReport report) => Write(w =>
    {
        w.WriteString("k", "done");
        w.WriteNumber("f", file);
        w.WriteString("name", report.Name);
        if (report.Path is { } p)
            w.WriteString("path", System.IO.Path.GetFileName(p));
        w.WriteString("status", report.Status.ToString());
        w.WriteNumber("size", report.Size);
        if (report.Crc32 is { } c)
            w.WriteNumber("crc", c);
        w.WriteNumber("segments", report.Segments);
        w.WriteNumber("missing", report.SegmentsMissing);
        w.WriteNumber("damaged", report.SegmentsDamaged);
    });

    private void Write(Action<Utf8JsonWriter> fill)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fill(writer);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            _stream.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            _stream.Flush();
        }
    }

    private static bool TryParse(string line, Dictionary<int, JournalFile> files, string jobId)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var kind = root.GetProperty("k").GetString();
            if (kind == "job")
                return root.GetProperty("id").GetString() == jobId;
            var index = root.GetProperty("f").GetInt32();
            switch (kind)
            {
                case "open":
                    files[index] = new JournalFile(
                        root.GetProperty("name").GetString()!, root.GetProperty("temp").GetString()!,
                        root.TryGetProperty("size", out var size) ? size.GetInt64() : null, root.GetProperty("parts").GetInt32());
                    break;
                case "seg" when files.TryGetValue(index, out var file):
                    var record = new PartRecord(root.GetProperty("p").GetInt32(), root.GetProperty("o").GetInt64(),
                        root.TryGetProperty("e", out var e) ? e.GetInt64() : null, root.GetProperty("l").GetInt64(),
                        root.GetProperty("c").GetUInt32(), PartStatus.Ok);
                    file.Segments[root.GetProperty("s").GetInt32()] = record;
                    break;
                case "done":
                    var done = files.TryGetValue(index, out var opened) ? opened : files[index] = new JournalFile(root.GetProperty("name").GetString()!, "", null, 1);
                    done.Finished = new DownloadFileReport(root.GetProperty("name").GetString()!,
                        root.TryGetProperty("path", out var p) ? p.GetString() : null,
                        Enum.Parse<AssemblyStatus>(root.GetProperty("status").GetString()!),
                        root.GetProperty("size").GetInt64(), root.TryGetProperty("crc", out var c) ? c.GetUInt32() : null,
                        root.GetProperty("segments").GetInt32(), root.GetProperty("missing").GetInt32(), root.GetProperty("damaged").GetInt32());
                    break;
            }
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return false; // a torn or foreign line: what it described will be done again
        }
    }

    /// <summary>An id for a job: a hash of its segments' message-ids, so a state file is never applied to another NZB.</summary>
    public static string JobId(IEnumerable<string> messageIds)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var id in messageIds)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(id));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public void Dispose()
    {
        lock (_gate)
            _stream.Dispose();
    }
}
