using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Inet.Nntp.Server;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// How fast the embedded server hands out yEnc-sized article bodies over loopback: 64 bodies of
/// 768 KiB (48 MiB) per operation, read by a minimal raw-socket client with a few BODY commands
/// in flight. Divide 48 MiB by the mean time for MiB/s.
/// </summary>
[MemoryDiagnoser]
public class NntpServerBodyBenchmarks
{
    private const int Articles = 64;
    private const int BodySize = 768 * 1024;
    private NntpServer _server = null!;
    private byte[][] _commands = [];

    [Params(1, 8)]
    public int Depth { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = new NntpServer();
        await _server.Store.CreateGroupAsync("alt.binaries.bench");
        var random = new Random(7);
        for (int i = 0; i < Articles; i++)
        {
            var body = new MemoryStream(BodySize + 4096);
            body.Write("=ybegin line=128 size=1 name=bench.bin\r\n"u8);
            var line = new byte[128];
            while (body.Length < BodySize)
            {
                for (int k = 0; k < line.Length; k++)
                    line[k] = (byte)random.Next(42, 126);
                body.Write(line);
                body.Write("\r\n"u8);
            }
            body.Write("=yend size=1\r\n"u8);
            await _server.Store.AddArticleAsync("alt.binaries.bench", "bench " + i, body.ToArray(), $"<b{i}@bench>");
        }
        await _server.StartAsync();
        _commands = Enumerable.Range(0, Articles).Select(i => Encoding.ASCII.GetBytes($"BODY <b{i}@bench>\r\n")).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _server.DisposeAsync();

    [Benchmark]
    public async Task<long> FetchAllBodies()
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(_server.EndPoint);
        var stream = tcp.GetStream();
        var buffer = new byte[256 * 1024];
        int sent = 0, done = 0, tailLength = 0;
        byte[] tail = new byte[4];
        long bytes = 0;
        while (sent < Depth)
            await stream.WriteAsync(_commands[sent++]);
        while (done < Articles)
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0)
                throw new IOException("Server closed the connection.");
            bytes += read;
            done += CountTerminators(buffer.AsSpan(0, read), tail, ref tailLength);
            while (sent < Articles && sent - done < Depth)
                await stream.WriteAsync(_commands[sent++]);
        }
        return bytes;
    }

    /// <summary>Counts "\r\n.\r\n" block ends with a vectorised search; the last 4 bytes carry over to the next read.</summary>
    private static int CountTerminators(ReadOnlySpan<byte> data, byte[] tail, ref int tailLength)
    {
        ReadOnlySpan<byte> end = "\r\n.\r\n"u8;
        int count = 0;
        Span<byte> seam = stackalloc byte[8];
        tail.AsSpan(0, tailLength).CopyTo(seam);
        int head = Math.Min(4, data.Length);
        data[..head].CopyTo(seam[tailLength..]);
        int at = seam[..(tailLength + head)].IndexOf(end);
        if (at >= 0 && at < tailLength)
            count++;
        for (int position = 0; ;)
        {
            int found = data[position..].IndexOf(end);
            if (found < 0)
                break;
            count++;
            position += found + end.Length;
        }
        Span<byte> last = stackalloc byte[8];
        seam[..(tailLength + head)].CopyTo(last);
        int keep = Math.Min(4, tailLength + data.Length);
        if (data.Length >= 4)
            data[^4..].CopyTo(tail);
        else
            last[(tailLength + head - keep)..(tailLength + head)].CopyTo(tail);
        tailLength = keep;
        return count;
    }
}
