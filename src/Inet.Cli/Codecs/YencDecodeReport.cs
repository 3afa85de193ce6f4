using System.Text.Json;
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

    public static void WriteText(TextWriter output, TextWriter error, IReadOnlyList<YencDecodedFile> files, IReadOnlyList<string> withoutYenc)
    {
        foreach (var source in withoutYenc)
            error.WriteLine($"{source}: no yEnc data found");
        foreach (var file in files)
        {
            var missing = file.Assembly.PartsMissing;
            output.WriteLine(AssemblyReport.TextLine(file.Assembly, missing.Count > 0 ? $" (missing parts {string.Join(',', missing)})" : string.Empty));
        }
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<YencDecodedFile> files, IReadOnlyList<string> withoutYenc) =>
        AssemblyReport.WriteArray(output, json =>
        {
            foreach (var file in files)
                WriteFile(json, file);
            foreach (var source in withoutYenc)
                AssemblyReport.WriteNoData(json, source);
        });

    private static void WriteFile(Utf8JsonWriter json, YencDecodedFile file)
    {
        var a = file.Assembly;
        json.WriteStartObject();
        AssemblyReport.WriteFileFields(json, a);
        WriteNumbers(json, "partsFound", a.PartsFound);
        WriteNumbers(json, "partsMissing", a.PartsMissing);
        WriteNumbers(json, "partsDamaged", a.PartsDamaged);
        json.WriteString("status", AssemblyReport.StatusName(a.Status));
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
