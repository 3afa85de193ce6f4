using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Inet.Nntp;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// `overview-compare [lines] [repeats]`: Inet's OverviewParser against Python nntplib's
/// _parse_overview on the same generated file, in one run, best of N for both.
/// </summary>
internal static class OverviewComparison
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var path = OverviewData.EnsureFile(BenchPaths.DataDirectory(), count);
        var data = await File.ReadAllBytesAsync(path);
        Console.WriteLine($"data: {path} ({count:N0} lines, {data.Length / 1e6:F1} MB)");

        var format = OverviewFormat.Parse(OverviewData.FormatLines);
        var records = new OverviewRecord[count];
        ParseAll(data, format, records); // warm-up (JIT tiers up during these passes)
        ParseAll(data, format, records);
        var best = double.MaxValue;
        long allocated = 0;
        var bestPause = TimeSpan.Zero;
        var bestCollections = "";
        for (var i = 0; i < repeats; i++)
        {
            Array.Clear(records);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(true);
            var pauseBefore = GC.GetTotalPauseDuration();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var watch = Stopwatch.StartNew();
            var parsed = ParseAll(data, format, records);
            watch.Stop();
            if (watch.Elapsed.TotalSeconds < best)
            {
                bestPause = GC.GetTotalPauseDuration() - pauseBefore;
                bestCollections = $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}";
            }
            allocated = GC.GetTotalAllocatedBytes(true) - before;
            if (parsed != count)
                throw new InvalidDataException($"parsed {parsed} of {count} lines");
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var numberSum = records.Sum(r => r.Number);
        var bytesSum = records.Sum(r => r.Bytes);

        // Text fields are decoded on first use: a pass that parses and then reads every field of every
        // kept record shows what that costs when a caller does need all of them.
        var withFields = double.MaxValue;
        long messageIdChars = 0;
        for (var i = 0; i < Math.Min(repeats, 3); i++)
        {
            Array.Clear(records);
            GC.Collect();
            var watch = Stopwatch.StartNew();
            ParseAll(data, format, records);
            messageIdChars = ReadAllFields(records);
            withFields = Math.Min(withFields, watch.Elapsed.TotalSeconds);
        }

        Array.Clear(records);
        var streaming = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            ParseAll(data, format, records, keep: false);
            streaming = Math.Min(streaming, watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"running {BenchPaths.Python()} bench/peers/nntplib_overview.py ({repeats} repeats)...");
        var peer = await RunPeerAsync(path, repeats);
        var peerParse = peer.GetProperty("parse_best_s").GetDouble();
        var peerDecode = peer.GetProperty("decode_best_s").GetDouble();
        if (peer.GetProperty("lines").GetInt64() != count || peer.GetProperty("number_sum").GetInt64() != numberSum
            || peer.GetProperty("bytes_sum").GetInt64() != bytesSum || peer.GetProperty("message_id_chars").GetInt64() != messageIdChars)
            throw new InvalidDataException("nntplib and Inet disagree on the parsed data: " + peer);

        Console.WriteLine();
        Console.WriteLine($"Inet: .NET {Environment.Version}, best of {repeats}; peer: Python {peer.GetProperty("python").GetString()} nntplib, best of {repeats}; checksums agree");
        Console.WriteLine($"Inet allocates {allocated / (double)count:F0} bytes per line (the record and its share of line bytes); "
            + $"GC pauses took {bestPause.TotalSeconds:F2} s of the best kept-records pass ({best:F2} s; "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, gen0/1/2 collections {bestCollections})");
        Console.WriteLine();
        Console.WriteLine("| operation | Inet lines/s | peer lines/s | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row($"OVER parse, {count:N0} lines (nntplib: _parse_overview of decoded str lines)", count / best, count / peerParse);
        Row($"OVER bytes to records (nntplib: UTF-8 decode + _parse_overview)", count / best, count / (peerParse + peerDecode));
        Row($"OVER parse, records streamed not kept (as OverAsync yields them)", count / streaming, count / peerParse);
        Row($"OVER parse, records kept, then every text field of every record read", count / withFields, count / peerParse);
        return 0;
    }

    /// <summary>Splits the buffer at LF (dropping CR) and parses every line, as the client does with received bytes.</summary>
    private static int ParseAll(ReadOnlySpan<byte> data, OverviewFormat format, OverviewRecord[] records, bool keep = true)
    {
        var n = 0;
        while (!data.IsEmpty)
        {
            var lf = data.IndexOf((byte)'\n');
            var line = lf < 0 ? data : data[..lf];
            data = lf < 0 ? default : data[(lf + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
                line = line[..^1];
            if (OverviewParser.TryParse(line, format, out var record))
                records[keep ? n++ : 0] = record;
        }
        return n;
    }

    /// <summary>Reads all text fields and extras of every record; returns the Message-ID lengths, checked against the peer.</summary>
    private static long ReadAllFields(OverviewRecord[] records)
    {
        long messageIdChars = 0;
        foreach (var record in records)
        {
            _ = record.Subject.Length + record.From.Length + record.Date.Length + record.References.Length + record.Extra.Count;
            messageIdChars += record.MessageId.Length;
        }
        return messageIdChars;
    }

    private static void Row(string operation, double inet, double peer) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {operation} | {inet:N0} | {peer:N0} | {inet / peer:F1}x |"));

    private static async Task<JsonElement> RunPeerAsync(string dataPath, int repeats)
    {
        var script = Path.Combine(BenchPaths.PeersDirectory(), "nntplib_overview.py");
        var start = new ProcessStartInfo(BenchPaths.Python()) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(dataPath);
        start.ArgumentList.Add(repeats.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
