using System.Globalization;
using System.Text;
using System.Text.Json;
using Inet.Codecs;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary>Prints what <c>inet uu decode</c> produced, as text or JSON, and picks the exit code.</summary>
internal static class UuDecodeReport
{
    public sealed record Entry(string Source, IReadOnlyList<AssemblyResult> Files);

    public static int ExitCode(IReadOnlyList<Entry> entries) =>
        entries.Any(e => e.Files.Count == 0) ? ExitCodes.Failure
        : entries.Any(e => e.Files.Any(f => !f.IsOk)) ? ExitCodes.ServerRefused // damaged or incomplete
        : ExitCodes.Ok;

    public static string StatusName(AssemblyStatus status) => status switch
    {
        AssemblyStatus.Ok => "ok",
        AssemblyStatus.CrcMismatch => "crc-mismatch",
        AssemblyStatus.Incomplete => "incomplete",
        AssemblyStatus.SizeMismatch => "size-mismatch",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static void WriteText(TextWriter output, TextWriter error, IReadOnlyList<Entry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Files.Count == 0)
                error.WriteLine($"{entry.Source}: no uuencoded data found");
            foreach (var file in entry.Files)
            {
                var crc = file.Crc32 is { } value ? value.ToString("x8", CultureInfo.InvariantCulture) : "--------";
                output.WriteLine($"{StatusName(file.Status),-13} {crc} {file.Size,12} {file.Path ?? file.FileName}");
            }
        }
    }

    // Utf8JsonWriter keeps this free of reflection (trim/AOT).
    public static void WriteJson(TextWriter output, IReadOnlyList<Entry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var entry in entries)
            {
                if (entry.Files.Count == 0)
                {
                    json.WriteStartObject();
                    json.WriteString("source", entry.Source);
                    json.WriteString("status", "no-data");
                    json.WriteEndObject();
                }
                foreach (var file in entry.Files)
                    WriteFile(json, entry.Source, file);
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteFile(Utf8JsonWriter json, string source, AssemblyResult file)
    {
        json.WriteStartObject();
        json.WriteString("source", source);
        json.WriteString("name", file.FileName);
        json.WriteString("path", file.Path);
        json.WriteNumber("size", file.Size);
        if (file.Crc32 is { } crc)
            json.WriteString("crc32", crc.ToString("x8", CultureInfo.InvariantCulture));
        else
            json.WriteNull("crc32");
        json.WriteString("status", StatusName(file.Status));
        json.WriteEndObject();
    }
}
