using System.Globalization;
using Inet.Codecs;
using Inet.News.Robot;
using Spectre.Console;

namespace Inet.Cli.News;

/// <summary>Shows a robot run: live bars on a terminal, plain lines when redirected, then a table or JSON.</summary>
internal static class RobotConsole
{
    public static async Task<RobotReport> RunAsync(NewsRobot robot, string outputDirectory, bool json, CancellationToken cancellationToken)
    {
        RobotReport report;
        if (!json && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var total = context.AddTask("total", maxValue: 1);
                    var files = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    var progress = new Progress<RobotProgress>(p =>
                    {
                        total.MaxValue = Math.Max(1, p.TotalExpected);
                        total.Value = Math.Min(p.TotalBytes, total.MaxValue);
                        if (p.FileName is { } name && !files.ContainsKey(name))
                            files[name] = context.AddTask(Markup.Escape(name), maxValue: 1);
                        if (p.FileName is { } done && p.Event == "file")
                            files[done].Value = files[done].MaxValue;
                    });
                    return await robot.RunAsync(progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            var progress = json ? null : new Progress<RobotProgress>(p =>
            {
                if (p.Event == "file")
                    Console.WriteLine($"finished {p.FileName} ({p.FileBytes} bytes)");
            });
            report = await robot.RunAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        if (json)
            await Console.Out.WriteLineAsync(RobotJson.Build(report)).ConfigureAwait(false);
        else
            PrintSummary(report, outputDirectory);
        return report;
    }

    public static void PrintSummary(RobotReport report, string outputDirectory)
    {
        if (report.Files.Count > 0)
        {
            var table = new Table().AddColumns("file", "size", "crc32", "status", "path in output folder");
            foreach (var f in report.Files)
            {
                var status = f.Status == AssemblyStatus.Ok ? "[green]ok[/]" : $"[red]{Markup.Escape(Status(f.Status))}[/]";
                table.AddRow(Markup.Escape(f.Name), f.Size.ToString("N0", CultureInfo.InvariantCulture), f.Crc32?.ToString("x8", CultureInfo.InvariantCulture) ?? "-",
                    status, Markup.Escape(f.Path is { } path ? Path.GetRelativePath(outputDirectory, path) : "-"));
            }
            AnsiConsole.Write(table);
        }
        foreach (var warning in report.Warnings)
            AnsiConsole.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning));
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.Files.Count} files, {report.ArticlesSeen} articles seen, {report.ArticlesFetched} fetched, {report.ArticlesSkipped} skipped, {report.ArticlesFailed} failed, {report.BytesReceived:N0} bytes in {report.Elapsed.TotalSeconds:0.0} s{(report.Cancelled ? " (stopped)" : "")}")));
    }

    public static string Status(AssemblyStatus status) => status switch
    {
        AssemblyStatus.Ok => "ok",
        AssemblyStatus.CrcMismatch => "crc-mismatch",
        AssemblyStatus.SizeMismatch => "size-mismatch",
        _ => "incomplete",
    };
}
