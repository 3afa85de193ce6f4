using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Inet.News.Robot;

/// <summary>
/// Loads and saves <see cref="RobotState"/> as JSON, written to a temp file and renamed over the
/// old one, so a crash mid-write leaves the previous state intact.
/// </summary>
public static class RobotStateStore
{
    public static RobotState Load(string path)
    {
        if (!File.Exists(path))
            return new RobotState();
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var state = new RobotState();
        if (document.RootElement.TryGetProperty("groups", out var groups))
        {
            foreach (var group in groups.EnumerateObject())
            {
                var g = new GroupState
                {
                    Done = group.Value.GetProperty("done").GetInt64(),
                    HighWater = group.Value.TryGetProperty("highWater", out var hw) ? hw.GetInt64() : 0,
                };
                if (group.Value.TryGetProperty("doneAbove", out var above))
                    foreach (var n in above.EnumerateArray()) g.DoneAbove.Add(n.GetInt64());
                state.Groups[group.Name] = g;
            }
        }
        if (document.RootElement.TryGetProperty("partial", out var partial))
        {
            foreach (var file in partial.EnumerateArray())
            {
                var parts = file.GetProperty("parts").EnumerateArray().Select(p => new PartialPart(
                    p.GetProperty("part").GetInt32(), p.GetProperty("article").GetInt64(), p.GetProperty("offset").GetInt64(),
                    p.GetProperty("length").GetInt64(), p.GetProperty("crc32").GetUInt32())).ToList();
                var size = file.GetProperty("size");
                var entry = new PartialFile(file.GetProperty("server").GetString()!, file.GetProperty("group").GetString()!,
                    file.GetProperty("name").GetString()!, file.GetProperty("tempLeaf").GetString()!,
                    size.ValueKind == JsonValueKind.Null ? null : size.GetInt64(), file.GetProperty("total").GetInt32(), parts);
                state.Partial[entry.Name] = entry;
            }
        }
        return state;
    }

    public static void Save(RobotState state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", 1);
                writer.WriteString("saved", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteStartObject("groups");
                foreach (var (key, g) in state.Groups.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject(key);
                    writer.WriteNumber("done", g.Done);
                    writer.WriteNumber("highWater", g.HighWater);
                    writer.WriteStartArray("doneAbove");
                    foreach (var n in g.DoneAbove) writer.WriteNumberValue(n);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                writer.WriteStartArray("partial");
                foreach (var file in state.Partial.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
                    WritePartial(writer, file);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void WritePartial(Utf8JsonWriter writer, PartialFile file)
    {
        writer.WriteStartObject();
        writer.WriteString("server", file.Server);
        writer.WriteString("group", file.Group);
        writer.WriteString("name", file.Name);
        writer.WriteString("tempLeaf", file.TempLeaf);
        if (file.Size is { } size) writer.WriteNumber("size", size); else writer.WriteNull("size");
        writer.WriteNumber("total", file.Total);
        writer.WriteStartArray("parts");
        foreach (var part in file.Parts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("part", part.Part);
            writer.WriteNumber("article", part.Article);
            writer.WriteNumber("offset", part.Offset);
            writer.WriteNumber("length", part.Length);
            writer.WriteNumber("crc32", part.Crc32);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
