using System.Globalization;
using System.Text;
using System.Text.Json;
using Inet.Codecs;

namespace Inet.Cli.Codecs;

/// <summary>The per-file text row and JSON fields that <c>inet uu decode</c> and <c>inet yenc decode</c> print alike.</summary>
internal static class AssemblyReport
{
    public static string StatusName(AssemblyStatus status) => status switch
    {
        AssemblyStatus.Ok => "ok",
        AssemblyStatus.CrcMismatch => "crc-mismatch",
        AssemblyStatus.Incomplete => "incomplete",
        AssemblyStatus.SizeMismatch => "size-mismatch",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>One text row: status, CRC-32 (dashes when unknown), size, the path (or name) and <paramref name="suffix"/>.</summary>
    public static string TextLine(AssemblyResult file, string suffix = "")
    {
        var crc = file.Crc32 is { } value ? value.ToString("x8", CultureInfo.InvariantCulture) : "--------";
        return $"{StatusName(file.Status),-13} {crc} {file.Size,12} {file.Path ?? file.FileName}{suffix}";
    }

    /// <summary>Writes <c>name</c>, <c>path</c>, <c>size</c> and <c>crc32</c> (null when unknown) into the open JSON object.</summary>
    public static void WriteFileFields(Utf8JsonWriter json, AssemblyResult file)
    {
        json.WriteString("name", file.FileName);
        json.WriteString("path", file.Path);
        json.WriteNumber("size", file.Size);
        if (file.Crc32 is { } crc)
            json.WriteString("crc32", crc.ToString("x8", CultureInfo.InvariantCulture));
        else
            json.WriteNull("crc32");
    }

    /// <summary>The JSON object for an input that held no encoded data.</summary>
    public static void WriteNoData(Utf8JsonWriter json, string source)
    {
        json.WriteStartObject();
        json.WriteString("source", source);
        json.WriteString("status", "no-data");
        json.WriteEndObject();
    }

    /// <summary>Prints one indented JSON array whose items <paramref name="fill"/> writes.</summary>
    public static void WriteArray(TextWriter output, Action<Utf8JsonWriter> fill)
    {
        // Utf8JsonWriter keeps this free of reflection (trim/AOT); default escaping, unlike JsonOutput, as these verbs always printed.
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            fill(json);
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
