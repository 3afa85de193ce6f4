using System.Diagnostics;
using System.Globalization;
using Inet.Core;
using Inet.Ftp;
using Spectre.Console;

namespace Inet.Cli.Ftp;

/// <summary>What one get or put did; <see cref="Reply"/> is null when nothing had to move (already complete).</summary>
internal sealed record FtpTransferSummary(string File, string RemotePath, long Offset, long Bytes, TimeSpan Elapsed, Reply? Reply);

/// <summary>
/// Runs one get or put: a live bar on a terminal (nothing when stdout or stderr is not one, or with --json),
/// then the result as one line or as JSON.
/// </summary>
internal static class FtpTransferConsole
{
    /// <summary>
    /// Runs <paramref name="transfer"/> over <paramref name="file"/> (the stream of <paramref name="localFile"/>), with a
    /// bar when <paramref name="show"/>; <paramref name="total"/> is the bytes still to move, when known.
    /// </summary>
    public static async Task<FtpTransferSummary> RunAsync(Stream file, string localFile, string remotePath, long offset, long? total, bool show,
        Func<Stream, Task<FtpTransferResult>> transfer)
    {
        var elapsed = TimeSpan.Zero;
        async Task<FtpTransferResult> Timed(Stream stream)
        {
            var clock = Stopwatch.StartNew(); // the transfer alone, not the bar's start and end
            var done = await transfer(stream).ConfigureAwait(false);
            elapsed = clock.Elapsed;
            return done;
        }

        FtpTransferResult result;
        if (!show)
        {
            result = await Timed(file).ConfigureAwait(false);
        }
        else
        {
            result = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                    new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(Printable.Escape(Path.GetFileName(localFile))), maxValue: Math.Max(1, total ?? 1));
                    task.IsIndeterminate = total is null;
                    var done = await Timed(new CountingStream(file, bytes => task.Value = bytes)).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return done;
                }).ConfigureAwait(false);
        }
        return new FtpTransferSummary(localFile, remotePath, offset, result.Bytes, elapsed, result.Reply);
    }

    /// <summary>True when a live bar can be drawn: no --json, and stdout and stderr both on the terminal.</summary>
    public static bool ShowsProgress(TextWriter output, bool json) => TerminalProgress.CanShow(output, json);

    public static Task WriteAsync(TextWriter output, FtpTransferSummary summary, bool json) => json
        ? JsonOutput.WriteAsync(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("file", summary.File);
            w.WriteString("path", summary.RemotePath);
            w.WriteNumber("offset", summary.Offset);
            w.WriteNumber("bytes", summary.Bytes);
            w.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
            if (summary.Reply is { } reply)
            {
                w.WriteNumber("code", reply.Code);
                w.WriteString("text", reply.Text);
            }
            else
            {
                w.WriteNull("code");
                w.WriteNull("text");
            }
            w.WriteEndObject();
        })
        : output.WriteLineAsync(Text(summary));

    private static string Text(FtpTransferSummary s)
    {
        var file = Printable.Escape(Path.GetFileName(s.File));
        if (s.Reply is not { } reply)
            return string.Create(CultureInfo.InvariantCulture, $"{file}: already complete ({s.Offset} bytes)");
        var from = s.Offset > 0 ? string.Create(CultureInfo.InvariantCulture, $" from byte {s.Offset}") : "";
        var seconds = s.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? s.Bytes / seconds / 1e6 : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{file}: {s.Bytes} bytes{from} in {seconds:0.00} s ({rate:0.0} MB/s), {reply.Code} {Printable.Escape(reply.Text)}");
    }
}
