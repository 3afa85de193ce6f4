using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Inet.Core;
using Inet.Nntp;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// `download [articles]`: the Inet client fetching one ~750 KB dot-stuffed yEnc body over loopback
/// from <see cref="FakeNntpServer"/> (a child process), one BODY at a time and pipelined (depth 16),
/// reporting MB/s and bytes allocated per article in this process (GC.GetTotalAllocatedBytes(true)).
/// </summary>
internal static class DownloadRunner
{
    private const int Depth = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var articles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var data = BodyData.Create();
        using var server = StartServer(out var port);
        try
        {
            var options = new NntpClientOptions { Connection = new ConnectionSettings { Host = "127.0.0.1", Port = port } };
            await using var client = await NntpClient.ConnectAsync(options);
            var ids = Enumerable.Range(1, articles).Select(i => ArticleId.ByMessageId($"<part{i}of{articles}.bench@powerpost2000AA.local>")).ToArray();
            await VerifyAsync(client, ids, data);

            Console.WriteLine($"body: {data.Body.Length:N0} bytes after unstuffing ({data.Wire.Length:N0} on the wire), {data.Lines:N0} lines, {data.DotLines} dot-stuffed");
            Console.WriteLine($"{articles} articles per pass, best of {repeats}; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| mode | MB/s | bytes allocated / article | allocations / KiB (upper bound) |");
            Console.WriteLine("|---|---:|---:|---:|");
            await MeasureAsync("BODY one at a time", data, articles, repeats, () => SequentialAsync(client, ids));
            await MeasureAsync($"BODY pipelined, depth {Depth}", data, articles, repeats, () => PipelinedAsync(client, ids));
            await client.QuitAsync();
            await MeasureAsync("baseline: raw socket, BODY one at a time, no unstuffing", data, articles, repeats, () => RawAsync(port, ids, data.Wire.Length));
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
                server.Kill();
        }
        return 0;
    }

    private static async Task SequentialAsync(NntpClient client, ArticleId[] ids)
    {
        foreach (var id in ids)
            await client.CopyBodyToAsync(id, Stream.Null);
    }

    private static async Task PipelinedAsync(NntpClient client, ArticleId[] ids)
    {
        await foreach (var item in client.PipelineAsync("BODY", ids, Depth))
            await item.Body!.CopyToAsync(Stream.Null);
    }

    /// <summary>
    /// What loopback gives without any client: send BODY, skip the status line, read the known
    /// number of wire bytes. An upper bound for the one-at-a-time figure on the same machine.
    /// </summary>
    private static async Task RawAsync(int port, ArticleId[] ids, int wireLength)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var buffer = new byte[64 * 1024];
        var filled = await ReadLineAsync(socket, buffer, 0); // welcome
        foreach (var id in ids)
        {
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes($"BODY {id}\r\n"));
            filled = await ReadLineAsync(socket, buffer, filled);
            long remaining = wireLength - filled;
            filled = 0;
            while (remaining > 0)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory());
                if (read == 0)
                    throw new EndOfStreamException();
                if (read > remaining)
                {
                    // The next reply never starts before the next command, so this cannot happen.
                    throw new InvalidDataException("more bytes than one body");
                }
                remaining -= read;
            }
        }
        await socket.SendAsync("QUIT\r\n"u8.ToArray());
    }

    /// <summary>Reads until the buffer holds a full line, drops it, and returns how many bytes follow it.</summary>
    private static async Task<int> ReadLineAsync(System.Net.Sockets.Socket socket, byte[] buffer, int filled)
    {
        int lf;
        while ((lf = Array.IndexOf(buffer, (byte)'\n', 0, filled)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
            if (read == 0)
                throw new EndOfStreamException();
            filled += read;
        }
        Array.Copy(buffer, lf + 1, buffer, 0, filled - lf - 1);
        return filled - lf - 1;
    }

    private static async Task MeasureAsync(string mode, BodyData data, int articles, int repeats, Func<Task> pass)
    {
        await pass(); // warm-up: JIT tiering, socket buffers
        var best = double.MaxValue;
        var leastAllocated = long.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            await pass();
            watch.Stop();
            leastAllocated = Math.Min(leastAllocated, GC.GetTotalAllocatedBytes(true) - before);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var megabytesPerSecond = (double)data.Body.Length * articles / best / 1e6;
        var perArticle = leastAllocated / (double)articles;
        // Every .NET object takes at least 24 bytes, so bytes / 24 bounds the number of allocations.
        var perKiB = perArticle / 24 / (data.Body.Length / 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {mode} | {megabytesPerSecond:F0} | {perArticle:N0} | {perKiB:F3} |"));
    }

    private static async Task VerifyAsync(NntpClient client, ArticleId[] ids, BodyData data)
    {
        var copy = new MemoryStream();
        await client.CopyBodyToAsync(ids[0], copy);
        if (!copy.ToArray().AsSpan().SequenceEqual(data.Body))
            throw new InvalidDataException("the downloaded body differs from the one served");
        var count = 0;
        await foreach (var item in client.PipelineAsync("BODY", ids[..Math.Min(ids.Length, 40)], Depth))
        {
            copy.SetLength(0);
            await item.Body!.CopyToAsync(copy);
            if (!copy.ToArray().AsSpan().SequenceEqual(data.Body))
                throw new InvalidDataException("a pipelined body differs from the one served");
            count++;
        }
        if (count != Math.Min(ids.Length, 40))
            throw new InvalidDataException("pipelining lost answers");
    }

    /// <summary>Starts this executable again as `nntp-fake-server` and reads the port it listens on.</summary>
    private static Process StartServer(out int port)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("unknown process path");
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        start.ArgumentList.Add("nntp-fake-server");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the fake server");
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the fake server said nothing");
        port = int.Parse(line["port ".Length..], CultureInfo.InvariantCulture);
        return process;
    }
}
