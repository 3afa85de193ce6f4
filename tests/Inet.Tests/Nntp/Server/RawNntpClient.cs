using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Inet.Tests.Nntp.EmbeddedServer;

/// <summary>
/// A deliberately dumb NNTP test client over a raw socket: send lines, read lines and dot blocks.
/// Independent of the library's NntpClient so the server is tested on its own.
/// </summary>
internal sealed class RawNntpClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly TcpClient _tcp;
    private Stream _stream;
    private Stream? _writeStream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawNntpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public string Greeting { get; private set; } = "";

    public static async Task<RawNntpClient> ConnectAsync(IPEndPoint endPoint, bool readGreeting = true)
    {
        var tcp = new TcpClient(endPoint.AddressFamily) { NoDelay = true };
        await tcp.ConnectAsync(endPoint);
        var client = new RawNntpClient(tcp);
        if (readGreeting)
            client.Greeting = await client.ReadLineAsync() ?? throw new IOException("No greeting");
        return client;
    }

    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        var target = _writeStream ?? _stream;
        await target.WriteAsync(bytes);
        await target.FlushAsync();
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line);
        return await ReadLineAsync() ?? throw new IOException("Connection closed after " + line);
    }

    /// <summary>Sends a command and, when the status is as expected, reads the dot block after it.</summary>
    public async Task<(string Status, List<string> Lines)> MultiAsync(string line)
    {
        string status = await CommandAsync(line);
        var lines = status.Length > 0 && status[0] is '1' or '2' ? await ReadBlockAsync() : [];
        return (status, lines);
    }

    /// <summary>Reads one line without CRLF (bytes mapped 1:1 to chars), or null at end of stream.</summary>
    public async Task<string?> ReadLineAsync()
    {
        byte[]? line = await ReadLineBytesAsync();
        return line is null ? null : Encoding.Latin1.GetString(line);
    }

    /// <summary>Reads a dot block and returns its lines, un-stuffed.</summary>
    public async Task<List<string>> ReadBlockAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            string line = await ReadLineAsync() ?? throw new IOException("Connection closed inside a block");
            if (line == ".")
                return lines;
            lines.Add(line.StartsWith('.') ? line[1..] : line);
        }
    }

    /// <summary>Reads a dot block as bytes: un-stuffed lines joined with CRLF.</summary>
    public async Task<byte[]> ReadBlockBytesAsync()
    {
        var output = new MemoryStream();
        while (true)
        {
            byte[] line = await ReadLineBytesAsync() ?? throw new IOException("Connection closed inside a block");
            if (line is [(byte)'.'])
                return output.ToArray();
            output.Write(line.Length > 0 && line[0] == (byte)'.' ? line.AsSpan(1) : line);
            output.Write("\r\n"u8);
        }
    }

    /// <summary>Reads until the server closes; returns everything received.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var output = new MemoryStream();
        output.Write(_buffer.AsSpan(_start, _end - _start));
        _start = _end = 0;
        using var cts = new CancellationTokenSource(s_timeout);
        await _stream.CopyToAsync(output, cts.Token);
        return output.ToArray();
    }

    /// <summary>After a 382 reply: TLS handshake, accepting only the given certificate.</summary>
    public async Task UpgradeToTlsAsync(X509Certificate2 expected)
    {
        Assert.Equal(_start, _end);
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString());
        await ssl.AuthenticateAsClientAsync("localhost");
        _stream = ssl;
    }

    /// <summary>After a 206 reply: both directions become raw DEFLATE (RFC 8054).</summary>
    public void StartCompression()
    {
        Assert.Equal(_start, _end);
        var transport = _stream;
        _writeStream = new System.IO.Compression.DeflateStream(transport, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
        _stream = new System.IO.Compression.DeflateStream(transport, System.IO.Compression.CompressionMode.Decompress, leaveOpen: false);
    }

    public async Task<byte[]?> ReadLineBytesAsync()
    {
        while (true)
        {
            int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                int length = lf - _start;
                if (length > 0 && _buffer[lf - 1] == (byte)'\r')
                    length--;
                byte[] line = _buffer.AsSpan(_start, length).ToArray();
                _start = lf + 1;
                return line;
            }
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2);
            using var cts = new CancellationTokenSource(s_timeout);
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cts.Token);
            if (read == 0)
                return null;
            _end += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_writeStream is not null)
                await _writeStream.DisposeAsync();
        }
        catch (IOException)
        {
            // The server already closed the connection.
        }
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
