using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A bare CRLF line client over TcpClient, for checking a server's set-up without the Inet
/// clients under test. Reads byte by byte so nothing past a line is buffered (STARTTLS-safe).
/// </summary>
internal sealed class RawLineClient : IAsyncDisposable
{
    private const int MaxLine = 64 * 1024;
    private readonly TcpClient tcp;
    private Stream stream;

    private RawLineClient(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
    }

    /// <summary>True once the connection runs over TLS.</summary>
    public bool IsTls => stream is SslStream;

    /// <summary>The TLS stream after <see cref="UpgradeToTlsAsync"/>, else null.</summary>
    public SslStream? Tls => stream as SslStream;

    public static async Task<RawLineClient> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken);
            return new RawLineClient(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Reads one line without its CRLF; throws at end of stream.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(128);
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new EndOfStreamException($"Connection closed after '{Encoding.UTF8.GetString(bytes.ToArray())}'.");
            }

            if (one[0] == (byte)'\n')
            {
                if (bytes.Count > 0 && bytes[^1] == (byte)'\r')
                {
                    bytes.RemoveAt(bytes.Count - 1);
                }

                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            if (bytes.Count >= MaxLine)
            {
                throw new InvalidDataException("Line too long.");
            }

            bytes.Add(one[0]);
        }
    }

    /// <summary>Sends one command line and returns the first reply line.</summary>
    public async Task<string> CommandAsync(string line, CancellationToken cancellationToken)
    {
        await SendLineAsync(line, cancellationToken);
        return await ReadLineAsync(cancellationToken);
    }

    /// <summary>Sends one line (CRLF added) without reading anything, e.g. a line of a DATA body.</summary>
    public async Task SendLineAsync(string line, CancellationToken cancellationToken)
    {
        if (line.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("Line contains CR, LF or NUL.", nameof(line));
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads a multi-line body up to the terminating "." line (dot-unstuffed).</summary>
    public async Task<IReadOnlyList<string>> ReadBlockAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line == ".")
            {
                return lines;
            }

            lines.Add(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line);
        }
    }

    /// <summary>Runs the TLS handshake on the open connection (after STARTTLS or at once for implicit TLS).</summary>
    public async Task UpgradeToTlsAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        stream = ssl;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
    }
}
