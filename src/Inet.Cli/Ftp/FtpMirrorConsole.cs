using System.Globalization;
using Inet.Core;
using Inet.Ftp;
using Spectre.Console;

namespace Inet.Cli.Ftp;

/// <summary>Runs an <see cref="FtpMirror"/> for <c>inet ftp mirror</c>: a bar on a terminal, then the report as text or JSON.</summary>
internal static class FtpMirrorConsole
{
    public static async Task<FtpMirrorReport> RunAsync(FtpMirror mirror, bool show, CancellationToken cancellationToken)
    {
        if (!show)
            return await mirror.RunAsync(null, cancellationToken).ConfigureAwait(false);
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(mirror.Options.Reverse ? "upload" : "download", maxValue: 1);
                var progress = new Progress<FtpMirrorProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesQueued);
                    task.Value = p.BytesDone;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.FilesDone}/{p.FilesQueued} files");
                });
                var report = await mirror.RunAsync(progress, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return report;
            }).ConfigureAwait(false);
    }

    /// <summary>0 when nothing failed; 3 when every failure was the server saying no; 1 otherwise (a transfer broke).</summary>
    public static int ExitCode(FtpMirrorReport report) =>
        report.Success ? ExitCodes.Ok
        : report.Failed.All(f => f.Exception is ProtocolException) ? ExitCodes.ServerRefused
        : ExitCodes.Failure;

    public static async Task WriteAsync(TextWriter output, TextWriter error, FtpMirrorReport report, bool json)
    {
        if (json)
        {
            await JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("dryRun", report.DryRun);
                w.WriteString("direction", report.Reverse ? "upload" : "download");
                w.WriteNumber("bytes", report.Bytes);
                w.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
                w.WriteNumber("unchanged", report.Unchanged);
                w.WriteStartArray("transferred");
                foreach (var t in report.Transferred)
                {
                    w.WriteStartObject();
                    w.WriteString("path", t.Path);
                    w.WriteNumber("bytes", t.Bytes);
                    w.WriteNumber("resumedFrom", t.ResumedFrom);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("foldersCreated");
                foreach (var f in report.FoldersCreated)
                    w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteStartArray("skipped");
                foreach (var s in report.Skipped)
                {
                    w.WriteStartObject();
                    w.WriteString("path", s.Path);
                    w.WriteString("name", s.Name);
                    w.WriteString("reason", s.Reason.ToString());
                    w.WriteString("detail", s.Detail);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("failed");
                foreach (var f in report.Failed)
                {
                    w.WriteStartObject();
                    w.WriteString("path", f.Path);
                    w.WriteString("error", f.Message);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }
        var verb = report.DryRun ? "would transfer" : "transferred";
        foreach (var t in report.Transferred)
        {
            var from = t.ResumedFrom > 0 ? string.Create(CultureInfo.InvariantCulture, $" (resumed at {t.ResumedFrom})") : "";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Printable.Escape(t.Path)}: {t.Bytes} bytes{from}")).ConfigureAwait(false);
        }
        foreach (var s in report.Skipped)
            await error.WriteLineAsync($"inet: skipped {Printable.Escape(s.Path)}: {s.Reason} ({Printable.Escape(s.Detail)})").ConfigureAwait(false);
        foreach (var f in report.Failed)
            await error.WriteLineAsync($"inet: failed {Printable.Escape(f.Path)}: {Printable.Escape(f.Message)}").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{verb} {report.Transferred.Count} files ({report.Bytes} bytes) in {report.Elapsed.TotalSeconds:0.00} s; {report.Unchanged} unchanged, {report.FoldersCreated.Count} folders created, {report.Skipped.Count} skipped, {report.Failed.Count} failed")).ConfigureAwait(false);
    }
}
