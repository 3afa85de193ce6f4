using System.Globalization;
using Inet.News.Robot;

namespace Inet.Cli.News;

/// <summary>The JSON summary of a robot run (<c>--json</c>).</summary>
internal static class RobotJson
{
    public static string Build(RobotReport report) => JsonOutput.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("files");
        foreach (var f in report.Files)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("path", f.Path);
            w.WriteNumber("size", f.Size);
            if (f.Crc32 is { } crc) w.WriteString("crc32", crc.ToString("x8", CultureInfo.InvariantCulture));
            else w.WriteNull("crc32");
            w.WriteString("status", RobotConsole.Status(f.Status));
            w.WriteString("kind", f.Kind);
            w.WriteString("group", f.Group);
            w.WriteNumber("partsFound", f.PartsFound);
            w.WriteStartArray("partsMissing");
            foreach (var p in f.PartsMissing) w.WriteNumberValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("articlesSeen", report.ArticlesSeen);
        w.WriteNumber("articlesFetched", report.ArticlesFetched);
        w.WriteNumber("articlesSkipped", report.ArticlesSkipped);
        w.WriteNumber("articlesFailed", report.ArticlesFailed);
        w.WriteNumber("bytes", report.BytesReceived);
        w.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        w.WriteBoolean("cancelled", report.Cancelled);
        w.WriteStartArray("warnings");
        foreach (var warning in report.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
