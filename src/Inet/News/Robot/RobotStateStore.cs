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
                writer.WriteEndObject();
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
