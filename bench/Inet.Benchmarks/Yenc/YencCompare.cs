using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Inet.Benchmarks.Yenc;

/// <summary>
/// `yenc-compare`: measures Inet's yEnc/CRC32 and MimeKit's YDecoder/YEncoder, runs the yencode peer
/// (bench/peers/yencode) on the same input size, and prints MB/s side by side with ratios.
/// </summary>
internal static class YencCompare
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], Invariant) : 2.0;
        var ops = new YencOperations(new YencInputs());
        var path = Inet.Codecs.Yenc.YencSimd.Best;
        if (Environment.GetEnvironmentVariable("INET_YENC_PATH") is { Length: > 0 } forced)
        {
            path = Enum.Parse<Inet.Codecs.Yenc.YencSimdPath>(forced, ignoreCase: true);
            ops.UsePath(path);
        }
        Console.WriteLine($"yEnc compare: {YencInputs.Size:N0} random bytes, line length {YencInputs.LineLength}, " +
            $"SIMD path {path}; MB/s of unencoded data per CPU second, best of 5 rounds");

        // Measure the peer between two rounds of ours, and keep each side's best, to damp machine load.
        var inet = MeasureInet(ops, seconds);
        var peer = RunPeer(seconds);
        var again = MeasureInet(ops, seconds);
        foreach (var key in inet.Keys.ToList())
            inet[key] = Math.Max(inet[key], again[key]);
        if (peer is not null)
        {
            var peer2 = RunPeer(seconds);
            if (peer2 is not null)
                foreach (var key in peer.Keys.ToList())
                    peer[key] = Math.Max(peer[key], peer2.GetValueOrDefault(key));
        }

        Console.WriteLine();
        Console.WriteLine($"{"operation",-28} {"Inet MB/s",10} {"peer",-18} {"peer MB/s",10} {"ratio",7}");
        Row("decode (dot-stuffed)", inet["decode-raw"], "yencode", peer?.GetValueOrDefault("decode-raw"));
        Row("decode", inet["decode"], "yencode", peer?.GetValueOrDefault("decode"));
        Row("encode", inet["encode"], "yencode", peer?.GetValueOrDefault("encode"));
        Row("crc32", inet["crc32"], "yencode", peer?.GetValueOrDefault("crc32"));
        Row("decode", inet["decode"], "MimeKit YDecoder", inet["mimekit-decode"]);
        Row("encode", inet["encode"], "MimeKit YEncoder", inet["mimekit-encode"]);
        if (peer is null)
            Console.WriteLine("yencode peer not available: run bench/peers/yencode/install.sh (needs node and npm).");
        return 0;
    }

    private static void Row(string op, double ours, string peerName, double? theirs)
    {
        var peerText = theirs is > 0 ? theirs.Value.ToString("F0", Invariant) : "n/a";
        var ratio = theirs is > 0 ? (ours / theirs.Value).ToString("F2", Invariant) + "x" : "n/a";
        Console.WriteLine($"{op,-28} {ours.ToString("F0", Invariant),10} {peerName,-18} {peerText,10} {ratio,7}");
    }

    private static Dictionary<string, double> MeasureInet(YencOperations ops, double seconds) => new()
    {
        ["decode-raw"] = Measure(() => ops.DecodeRaw(), seconds),
        ["decode"] = Measure(() => ops.Decode(), seconds),
        ["encode"] = Measure(() => ops.Encode(), seconds),
        ["crc32"] = Measure(() => ops.Crc32(), seconds),
        ["mimekit-decode"] = Measure(() => ops.MimeKitDecode(), seconds / 4),
        ["mimekit-encode"] = Measure(() => ops.MimeKitEncode(), seconds / 4),
    };

    /// <summary>
    /// Same method as the peer script: warm up, then the best of 5 rounds, in MB/s of input size per second of
    /// the process's CPU time (so other work on a shared machine does not count against either side).
    /// </summary>
    private static double Measure(Func<object> op, double seconds)
    {
        for (var k = 0; k < 200; k++)
            op();
        using var process = Process.GetCurrentProcess();
        double best = 0;
        for (var round = 0; round < 5; round++)
        {
            var n = 0;
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            do
            {
                for (var k = 0; k < 10; k++)
                    op();
                n += 10;
            }
            while (watch.Elapsed.TotalSeconds < seconds / 5);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            best = Math.Max(best, n * (double)YencInputs.Size / cpu / 1e6);
        }
        return best;
    }

    private static Dictionary<string, double>? RunPeer(double seconds)
    {
        var script = FindPeerScript();
        if (script is null)
            return null;
        var info = new ProcessStartInfo("node", [script, "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        info.Environment["PEER_SECONDS"] = seconds.ToString(Invariant);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"yencode peer failed: {error.Trim()}");
                return null;
            }
            using var json = JsonDocument.Parse(output);
            return json.RootElement.GetProperty("mbps").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Walks up from the build output to the repository's bench/peers/yencode/bench.js.</summary>
    private static string? FindPeerScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peers", "yencode", "bench.js");
            if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "bench", "peers", "yencode", "node_modules")))
                return candidate;
        }
        return null;
    }
}
