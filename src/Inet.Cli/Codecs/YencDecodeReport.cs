using System.Globalization;
using System.Text;
using System.Text.Json;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary>Prints what <c>inet yenc decode</c> produced, as text or JSON, and picks the exit code.</summary>
internal static class YencDecodeReport
{
    /// <summary>0 when every file is ok; 3 when any is damaged or incomplete; 1 when an input held no yEnc.</summary>
    public static int ExitCode(IReadOnlyList<YencDecodedFile> files, IReadOnlyList<string> withoutYenc) =>
        files.Any(f => !f.Assembly.IsOk) ? ExitCodes.ServerRefused
        : withoutYenc.Count > 0 ? ExitCodes.Failure
        : ExitCodes.Ok;

    public static string StatusName(AssemblyStatus status) => status switch
    {
        AssemblyStatus.Ok => "ok",
        AssemblyStatus.CrcMismatch => "crc-mismatch",
        AssemblyStatus.Incomplete => "incomplete",
        AssemblyStatus.SizeMismatch => "size-mismatch",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static void WriteText(TextWriter output, TextWriter error, IReadOnlyList<YencDecodedFile> files, IReadOnlyList<string> withoutYenc)
    {
        foreach (var source in withoutYenc)
            error.WriteLine($"{source}: no yEnc data found");
        foreach (var file in files)
        {
            var a = file.Assembly;
            var crc = a.Crc32 is { } value ? value.ToString("x8", CultureInfo.InvariantCulture) : "--------";
            var missing = a.PartsMissing.Count > 0 ? $" (missing parts {string.Join(',', a.PartsMissing)})" : string.Empty;
            output.WriteLine($"{StatusName(a.Status),-13} {crc} {a.Size,12} {a.Path ?? a.FileName}{missing}");
        }
    }

    // Utf8JsonWriter keeps this free of reflection (trim/AOT).
    public static void WriteJson(TextWriter output, IReadOnlyList<YencDecodedFile> files, IReadOnlyList<string> withoutYenc)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var file in files)
                WriteFile(json, file);
            foreach (var source in withoutYenc)
            {
                json.WriteStartObject();
                json.WriteString("source", source);
                json.WriteString("status", "no-data");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteFile(Utf8JsonWriter json, YencDecodedFile file)
    {
        var a = file.Assembly;
        json.WriteStartObject();
        json.WriteString("name", a.FileName);
        json.WriteString("path", a.Path);
        json.WriteNumber("size", a.Size);
        if (a.Crc32 is { } crc)
            json.WriteString("crc32", crc.ToString("x8", CultureInfo.InvariantCulture));
        else
            json.WriteNull("crc32");
        WriteNumbers(json, "partsFound", a.PartsFound);
        WriteNumbers(json, "partsMissing", a.PartsMissing);
        WriteNumbers(json, "partsDamaged", a.PartsDamaged);
        json.WriteString("status", StatusName(a.Status));
        json.WriteStartArray("sources");
        foreach (var source in file.Sources)
            json.WriteStringValue(source);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<int> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
