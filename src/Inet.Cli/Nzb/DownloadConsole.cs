using System.Globalization;
using System.Text.Json;
using Inet.Cli.News;
using Inet.News.Download;
using Inet.News.Nzb;
using Spectre.Console;

namespace Inet.Cli.Nzb;

/// <summary>Shows a download: live bars on a terminal, plain lines when redirected, then a table or JSON.</summary>
internal static class DownloadConsole
{
    public static async Task<DownloadReport> RunAsync(DownloadEngine engine, NzbReadResult read, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        DownloadReport report;
        if (!json && output == Console.Out && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var total = context.AddTask("total", maxValue: 1);
                    var files = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    var progress = new Progress<DownloadProgress>(p =>
                    {
                        if (p.BytesTotal > 0)
                        {
                            total.MaxValue = p.BytesTotal;
                            total.Value = Math.Min(p.BytesDone, p.BytesTotal);
                        }
                        if (p.FileName is { } name && p.Event != "par2" && !files.ContainsKey(name))
                            files[name] = context.AddTask(Markup.Escape(name), maxValue: 1);
                        if (p.FileName is { } done && p.Event == "file")
                            files[done].Value = files[done].MaxValue;
                    });
                    return await engine.RunAsync(read.Document, progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            var gate = new Lock();
            var progress = json ? null : new InlineProgress(p =>
            {
                if (p.Event != "file")
                    return;
                lock (gate) // reported from several connections at once
                    output.WriteLine($"finished {p.FileName} ({p.SegmentsDone}/{p.SegmentsTotal} segments)");
            });
            report = await engine.RunAsync(read.Document, progress, cancellationToken).ConfigureAwait(false);
        }
        if (json)
            await JsonOutput.WriteAsync(output, w => WriteJson(w, report, read)).ConfigureAwait(false);
        else
            PrintSummary(report, read);
        return report;
    }

    private static void PrintSummary(DownloadReport report, NzbReadResult read)
    {
        var table = new Table().AddColumns("file", "size", "segments", "status", "written to");
        foreach (var f in report.Files)
        {
            var status = f.IsOk ? (f.Repaired ? "[green]repaired[/]" : "[green]ok[/]") : $"[red]{Markup.Escape(RobotConsole.Status(f.Status))}[/]";
            var segments = f.SegmentsMissing + f.SegmentsDamaged == 0
                ? f.Segments.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{f.Segments} ({f.SegmentsMissing} missing, {f.SegmentsDamaged} damaged)");
            table.AddRow(Markup.Escape(f.Name), f.Size.ToString("N0", CultureInfo.InvariantCulture), segments, status, Markup.Escape(f.Path ?? "-"));
        }
        AnsiConsole.Write(table);
        foreach (var set in report.Par2)
        {
            var verdict = set.AllOk ? "[green]all files verify[/]" : "[red]damaged[/]";
            AnsiConsole.MarkupLine($"par2 {Markup.Escape(Path.GetFileName(set.Par2File))}: {verdict}"
                + (set.Repair is { } r ? $" (repair: {Markup.Escape(r.ToString())})" : "")
                + (set.Message is { } m ? $" ({Markup.Escape(m)})" : ""));
            foreach (var file in set.Files.Where(x => x.Verified != Inet.News.Par2.Par2FileStatus.Ok))
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"  {file.Name}: {file.Verified}, {file.DamagedSlices.Count} damaged slices -> {file.Final}")));
        }
        foreach (var warning in read.Warnings.Select(w => w.Message).Concat(report.Warnings))
            AnsiConsole.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning));
        foreach (var server in report.Servers)
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{server.Name}: {server.Fetched} fetched, {server.Missing} missing, {server.Damaged} damaged, {server.ConnectionFailures} connection failures{(server.Unreachable ? " (dropped)" : "")}")));
        var mbps = report.Elapsed.TotalSeconds > 0 ? report.BytesReceived / report.Elapsed.TotalSeconds / 1e6 : 0;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.Files.Count} files, {report.SegmentsDownloaded} segments downloaded, {report.SegmentsResumed} resumed, {report.SegmentsFailed} failed, {report.BytesReceived:N0} bytes in {report.Elapsed.TotalSeconds:0.0} s ({mbps:0.0} MB/s){(report.Cancelled ? " (stopped; run again to resume)" : "")}")));
    }

    private static void WriteJson(Utf8JsonWriter w, DownloadReport report, NzbReadResult read)
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", report.AllOk);
        w.WriteBoolean("cancelled", report.Cancelled);
        w.WriteNumber("segments", report.SegmentsTotal);
        w.WriteNumber("segmentsDownloaded", report.SegmentsDownloaded);
        w.WriteNumber("segmentsResumed", report.SegmentsResumed);
        w.WriteNumber("segmentsFailed", report.SegmentsFailed);
        w.WriteNumber("failovers", report.Failovers);
        w.WriteNumber("bytesReceived", report.BytesReceived);
        w.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        w.WriteString("stateFile", report.StateFile);
        w.WriteStartArray("files");
        foreach (var f in report.Files)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            if (f.Path is { } path) w.WriteString("path", path); else w.WriteNull("path");
            w.WriteString("status", f.Repaired ? "repaired" : RobotConsole.Status(f.Status));
            w.WriteBoolean("ok", f.IsOk);
            w.WriteNumber("size", f.Size);
            if (f.Crc32 is { } crc) w.WriteString("crc32", crc.ToString("x8", CultureInfo.InvariantCulture));
            w.WriteNumber("segments", f.Segments);
            w.WriteNumber("segmentsMissing", f.SegmentsMissing);
            w.WriteNumber("segmentsDamaged", f.SegmentsDamaged);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("servers");
        foreach (var s in report.Servers)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteNumber("fetched", s.Fetched);
            w.WriteNumber("missing", s.Missing);
            w.WriteNumber("damaged", s.Damaged);
            w.WriteNumber("connectionFailures", s.ConnectionFailures);
            w.WriteBoolean("unreachable", s.Unreachable);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("par2");
        foreach (var set in report.Par2)
        {
            w.WriteStartObject();
            w.WriteString("file", set.Par2File);
            w.WriteBoolean("ok", set.AllOk);
            if (set.Repair is { } repair) w.WriteString("repair", repair.ToString());
            if (set.Message is { } message) w.WriteString("message", message);
            w.WriteStartArray("files");
            foreach (var file in set.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", file.Name);
                w.WriteString("verified", file.Verified.ToString());
                w.WriteStartArray("damagedSlices");
                foreach (var slice in file.DamagedSlices)
                    w.WriteNumberValue(slice);
                w.WriteEndArray();
                w.WriteString("final", file.Final.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in read.Warnings.Select(x => x.Message).Concat(report.Warnings))
            w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
