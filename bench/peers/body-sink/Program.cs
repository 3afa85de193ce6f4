// body-sink HOST PORT NZB CONNECTIONS DEPTH
// Fetches every segment of the NZB with BODY over CONNECTIONS connections, DEPTH commands in flight on each,
// and throws the bytes away: only the end of each body ("\r\n.\r\n") is looked for. This is the server's
// ceiling for the download benchmark: no decoding, no files, no bookkeeping.
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: body-sink HOST PORT NZB CONNECTIONS DEPTH");
    return 2;
}
var host = args[0];
var port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var ids = Regex.Matches(File.ReadAllText(args[2]), "<segment[^>]*>([^<]+)</segment>").Select(m => m.Groups[1].Value).ToArray();
var connections = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var depth = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
var next = -1;
long bytes = 0, bodies = 0, refused = 0;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(RunConnectionAsync)));
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{bodies} bodies, {refused} refused, {bytes} bytes in {seconds:F2} s: {bytes / 1e6 / seconds:F0} MB/s");
return refused == 0 && bodies == ids.Length ? 0 : 1;

async Task RunConnectionAsync()
{
    using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    await socket.ConnectAsync(host, port).ConfigureAwait(false);
    var reader = new ReplyScanner();
    var buffer = new byte[256 * 1024];
    await ReadUntilAsync(() => reader.Greeted).ConfigureAwait(false);
    var outstanding = 0;
    var commands = new StringBuilder();
    while (true)
    {
        commands.Clear();
        while (outstanding < depth && Interlocked.Increment(ref next) is var i && i < ids.Length)
        {
            commands.Append("BODY <").Append(ids[i]).Append(">\r\n");
            outstanding++;
        }
        if (outstanding == 0)
            break;
        if (commands.Length > 0)
            await socket.SendAsync(Encoding.ASCII.GetBytes(commands.ToString())).ConfigureAwait(false);
        var before = reader.Completed;
        await ReadUntilAsync(() => reader.Completed > before).ConfigureAwait(false);
        outstanding -= reader.Completed - before;
    }
    Interlocked.Add(ref bytes, reader.Bytes);
    Interlocked.Add(ref bodies, reader.Bodies);
    Interlocked.Add(ref refused, reader.Refused);
    await socket.SendAsync("QUIT\r\n"u8.ToArray()).ConfigureAwait(false);

    async Task ReadUntilAsync(Func<bool> done)
    {
        while (!done())
        {
            var n = await socket.ReceiveAsync(buffer).ConfigureAwait(false);
            if (n == 0)
                throw new IOException("server closed the connection");
            reader.Feed(buffer.AsSpan(0, n));
        }
    }
}

/// <summary>Splits the byte stream into status lines and dot-terminated bodies without copying either.</summary>
internal sealed class ReplyScanner
{
    private static readonly byte[] End = "\r\n.\r\n"u8.ToArray();
    private bool _inBody;
    private int _matched;           // bytes of End matched at the end of the previous buffer
    private int _statusLength;      // bytes of the current status line seen so far
    private byte _statusFirst;      // its first byte: '2' for 222, else a refusal with no body

    public bool Greeted { get; private set; }
    public int Completed { get; private set; }
    public long Bodies { get; private set; }
    public long Refused { get; private set; }
    public long Bytes { get; private set; }

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
            data = _inBody ? ScanBody(data) : ScanStatus(data);
    }

    private ReadOnlySpan<byte> ScanStatus(ReadOnlySpan<byte> data)
    {
        if (_statusLength == 0)
            _statusFirst = data[0];
        var lf = data.IndexOf((byte)'\n');
        if (lf < 0)
        {
            _statusLength += data.Length;
            return [];
        }
        _statusLength = 0;
        if (!Greeted)
            Greeted = true;
        else if (_statusFirst == (byte)'2')
        {
            _inBody = true;
            _matched = 2;           // a body that is only ".\r\n" ends at once
        }
        else
        {
            Refused++;
            Completed++;
        }
        return data[(lf + 1)..];
    }

    private ReadOnlySpan<byte> ScanBody(ReadOnlySpan<byte> data)
    {
        var endAt = -1;
        if (_matched > 0 && data.StartsWith(End.AsSpan(_matched, Math.Min(End.Length - _matched, data.Length))))
        {
            if (data.Length >= End.Length - _matched)
                endAt = End.Length - _matched;
            else
            {
                _matched += data.Length;
                Bytes += data.Length;
                return [];
            }
        }
        if (endAt < 0 && data.IndexOf(End) is var at and >= 0)
            endAt = at + End.Length;
        if (endAt < 0)
        {
            _matched = TrailingMatch(data);
            Bytes += data.Length;
            return [];
        }
        Bytes += endAt;
        _inBody = false;
        Bodies++;
        Completed++;
        return data[endAt..];
    }

    // The longest suffix of data that is a prefix of End (for End, no shorter one can go on to match).
    private static int TrailingMatch(ReadOnlySpan<byte> data)
    {
        for (var k = Math.Min(End.Length - 1, data.Length); k > 0; k--)
            if (data[^k..].SequenceEqual(End.AsSpan(0, k)))
                return k;
        return 0;
    }
}
