using System.Text.Json;

namespace Inet.Mail;

/// <summary>
/// Reads and writes the fetch state as JSON: <c>{"version":1,"imap":[{"source","uidValidity","uids":"1:500,502"}],
/// "pop3":[{"source","uidls":[...]}]}</c>. Writes go to a temp file that is renamed over the old one, so the file
/// on disk is always a whole state, old or new.
/// </summary>
internal static class MailFetchStateFile
{
    public const string FileName = ".inet-fetch-state";
    public const string TempPrefix = FileName + ".";
    public const string TempSuffix = ".tmp";
    private const int Version = 1;

    public sealed class Contents
    {
        public Dictionary<string, (uint UidValidity, UidSet Uids)> Imap { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Pop3 { get; } = new(StringComparer.Ordinal);
    }

    public static Contents Load(string path)
    {
        var contents = new Contents();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return contents;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("version", out var version) || version.GetInt32() != Version)
                throw new MailFetchStateCorruptException(path, "unknown version");
            foreach (var entry in root.GetProperty("imap").EnumerateArray())
            {
                var source = entry.GetProperty("source").GetString() ?? throw new FormatException("null source");
                contents.Imap.Add(source, (entry.GetProperty("uidValidity").GetUInt32(), UidSet.Parse(entry.GetProperty("uids").GetString() ?? "")));
            }
            foreach (var entry in root.GetProperty("pop3").EnumerateArray())
            {
                var source = entry.GetProperty("source").GetString() ?? throw new FormatException("null source");
                var uidls = new HashSet<string>(StringComparer.Ordinal);
                foreach (var uidl in entry.GetProperty("uidls").EnumerateArray())
                    uidls.Add(uidl.GetString() ?? throw new FormatException("null UIDL"));
                contents.Pop3.Add(source, uidls);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new MailFetchStateCorruptException(path, e.Message, e);
        }
        return contents;
    }

    public static void Save(Contents contents, string path, bool flushToDisk)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N")[..8] + TempSuffix);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                    Write(writer, contents);
                if (flushToDisk)
                    stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        if (flushToDisk)
            DirectorySync.Flush(directory);
    }

    /// <summary>Deletes temp files of saves a killed process never finished.</summary>
    public static void DeleteLeftovers(string directory)
    {
        foreach (var path in Directory.EnumerateFiles(directory, TempPrefix + "*" + TempSuffix))
            File.Delete(path);
    }

    private static void Write(Utf8JsonWriter writer, Contents contents)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteStartArray("imap");
        foreach (var (source, (validity, uids)) in contents.Imap.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("source", source);
            writer.WriteNumber("uidValidity", validity);
            writer.WriteString("uids", uids.ToString());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("pop3");
        foreach (var (source, uidls) in contents.Pop3.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("source", source);
            writer.WriteStartArray("uidls");
            foreach (var uidl in uidls.Order(StringComparer.Ordinal))
                writer.WriteStringValue(uidl);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
