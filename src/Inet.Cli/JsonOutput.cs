using System.Text;
using System.Text.Json;

namespace Inet.Cli;

/// <summary>Writes JSON without reflection (trim/AOT friendly): the caller fills a Utf8JsonWriter.</summary>
internal static class JsonOutput
{
    public static string Build(Action<Utf8JsonWriter> fill)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            fill(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Task WriteAsync(TextWriter output, Action<Utf8JsonWriter> fill) => output.WriteLineAsync(Build(fill));
}
