using System.Text.Json;
using Inet.Codecs;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary>Prints what <c>inet uu decode</c> produced, as text or JSON, and picks the exit code.</summary>
internal static class UuDecodeReport
{
    public sealed record Entry(string Source, IReadOnlyList<AssemblyResult> Files);

    /// <summary>1 when an input held no uuencoded data; else 3 when any file is damaged or incomplete; else 0.</summary>
    public static int ExitCode(IReadOnlyList<Entry> entries) =>
        entries.Any(e => e.Files.Count == 0) ? ExitCodes.Failure
        : entries.Any(e => e.Files.Any(f => !f.IsOk)) ? ExitCodes.ServerRefused // damaged or incomplete
        : ExitCodes.Ok;

    public static void WriteText(TextWriter output, TextWriter error, IReadOnlyList<Entry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Files.Count == 0)
                error.WriteLine($"{entry.Source}: no uuencoded data found");
            foreach (var file in entry.Files)
                output.WriteLine(AssemblyReport.TextLine(file));
        }
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<Entry> entries) => AssemblyReport.WriteArray(output, json =>
    {
        foreach (var entry in entries)
        {
            if (entry.Files.Count == 0)
                AssemblyReport.WriteNoData(json, entry.Source);
            foreach (var file in entry.Files)
                WriteFile(json, entry.Source, file);
        }
    });

    private static void WriteFile(Utf8JsonWriter json, string source, AssemblyResult file)
    {
        json.WriteStartObject();
        json.WriteString("source", source);
        AssemblyReport.WriteFileFields(json, file);
        json.WriteString("status", AssemblyReport.StatusName(file.Status));
        json.WriteEndObject();
    }
}
