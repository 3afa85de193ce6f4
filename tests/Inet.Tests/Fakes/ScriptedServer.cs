using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Inet.Tests.Fakes;

/// <summary>
/// A loopback server that plays one transcript: it expects the client's exact lines ("C: ...")
/// and sends canned replies ("S: ..."), and can misbehave on cue (disconnect, raw bytes, TLS).
/// Any differing byte fails the test through <see cref="Completion"/>.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Func<Session, Task>> _steps = [];
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private Task? _run;

    public ScriptedServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Serve the data one byte per write, to exercise every split point in the client.</summary>
    public bool OneBytePerWrite { get; set; }

    /// <summary>Everything the client sent, as text.</summary>
    public StringBuilder Received { get; } = new();

    /// <summary>Adds steps from a transcript: "S: line", "C: line", "S+ raw text without CRLF".</summary>
    public ScriptedServer Script(string transcript)
    {
        foreach (var raw in transcript.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimStart();
            if (line.Length == 0) continue;
            if (line.StartsWith("S: ", StringComparison.Ordinal)) Send(line[3..]);
            else if (line == "S:") Send("");
            else if (line.StartsWith("C: ", StringComparison.Ordinal)) Expect(line[3..]);
            else throw new FormatException($"Bad transcript line: {line}");
        }
        return this;
    }

    public ScriptedServer Send(string line) => SendRaw(Encoding.UTF8.GetBytes(line + "\r\n"));

    public ScriptedServer SendRaw(byte[] bytes)
    {
        _steps.Add(s => s.WriteAsync(bytes));
        return this;
    }

    public ScriptedServer Expect(string line)
    {
        _steps.Add(async s =>
        {
            var got = await s.ReadLineAsync();
            if (got != line)
                throw new InvalidOperationException($"Expected client line \"{line}\" but got \"{got ?? "<closed>"}\"");
        });
        return this;
    }

    /// <summary>Reads one client line without checking it (e.g. a generated Message-ID).</summary>
    public ScriptedServer ExpectAny(Action<string>? inspect = null)
    {
        _steps.Add(async s => inspect?.Invoke(await s.ReadLineAsync() ?? throw new InvalidOperationException("client closed")));
        return this;
    }

    /// <summary>Reads a dot-terminated block from the client and hands it over raw (still stuffed).</summary>
    public ScriptedServer ExpectDataBlock(Action<string> inspect)
    {
        _steps.Add(async s =>
        {
            var block = new StringBuilder();
            while (true)
            {
                var line = await s.ReadLineAsync() ?? throw new InvalidOperationException("client closed during data");
                if (line == ".") break;
                block.Append(line).Append("\r\n");
            }
            inspect(block.ToString());
        });
        return this;
    }

    public ScriptedServer Disconnect()
    {
        _steps.Add(s => { s.Close(); return Task.CompletedTask; });
        return this;
    }

    /// <summary>Expects the client to close (QUIT already answered) or just waits for it.</summary>
    public ScriptedServer ExpectClose()
    {
        _steps.Add(async s =>
        {
            var line = await s.ReadLineAsync();
            if (line is not null)
                throw new InvalidOperationException($"Expected the client to close, got \"{line}\"");
        });
        return this;
    }

    /// <summary>Performs the server side of a TLS handshake with <paramref name="certificate"/>.</summary>
    public ScriptedServer StartTls(X509Certificate2 certificate)
    {
        _steps.Add(s => s.StartTlsAsync(certificate));
        return this;
    }

    /// <summary>Switches both directions to raw DEFLATE (COMPRESS DEFLATE accepted).</summary>
    public ScriptedServer StartCompression()
    {
        _steps.Add(s => { s.StartCompression(); return Task.CompletedTask; });
        return this;
    }

    public ScriptedServer Do(Func<Stream, Task> action)
    {
        _steps.Add(s => action(s.Stream));
        return this;
    }

    /// <summary>Starts serving; the transcript runs against the first client that connects.</summary>
    public ScriptedServer Start()
    {
        _run = Task.Run(RunAsync);
        return this;
    }

    /// <summary>Completes when the whole transcript has been played; faults on any mismatch.</summary>
    public Task Completion => _run ?? throw new InvalidOperationException("Start() was not called.");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_run is not null)
        {
            try { await _run; } catch { /* surfaced through Completion */ }
        }
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
        client.NoDelay = true;
        await using var session = new Session(client.GetStream(), this);
        foreach (var step in _steps)
            await step(session);
    }

    private sealed class Session(NetworkStream network, ScriptedServer owner) : IAsyncDisposable
    {
        private Stream _read = network;
        private Stream _write = network;
        private readonly List<byte> _pending = [];
        private bool _closed;

        public Stream Stream => _write;

        public async Task WriteAsync(byte[] bytes)
        {
            if (_closed) return;
            if (owner.OneBytePerWrite)
            {
                foreach (var b in bytes)
                {
                    await _write.WriteAsync(new[] { b }, owner._stop.Token);
                    await _write.FlushAsync(owner._stop.Token);
                }
            }
            else
            {
                await _write.WriteAsync(bytes, owner._stop.Token);
                await _write.FlushAsync(owner._stop.Token);
            }
        }

        public async Task<string?> ReadLineAsync()
        {
            var buffer = new byte[1];
            var line = new List<byte>();
            while (true)
            {
                int read;
                try { read = await _read.ReadAsync(buffer, owner._stop.Token); }
                catch (IOException) { read = 0; }
                if (read == 0)
                    return line.Count == 0 ? null : throw new InvalidOperationException("client closed mid-line");
                if (buffer[0] == (byte)'\n')
                {
                    if (line.Count == 0 || line[^1] != (byte)'\r')
                        throw new InvalidOperationException("client sent a bare LF");
                    var text = Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 1);
                    lock (owner.Received) owner.Received.Append(text).Append('\n');
                    return text;
                }
                line.Add(buffer[0]);
            }
        }

        public async Task StartTlsAsync(X509Certificate2 certificate)
        {
            var ssl = new SslStream(network, leaveInnerStreamOpen: true);
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, owner._stop.Token);
            _read = ssl;
            _write = ssl;
        }

        public void StartCompression()
        {
            _read = new DeflateStream(_read, CompressionMode.Decompress, leaveOpen: true);
            _write = new DeflateStream(_write, CompressionLevel.Fastest, leaveOpen: true);
        }

        public void Close()
        {
            _closed = true;
            network.Socket.Shutdown(SocketShutdown.Both);
            network.Close();
        }

        public async ValueTask DisposeAsync()
        {
            _ = _pending;
            try { await _write.FlushAsync(); } catch { /* closed already */ }
            network.Dispose();
        }
    }
}
