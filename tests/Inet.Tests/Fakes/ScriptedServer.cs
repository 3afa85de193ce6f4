using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Xunit.Sdk;

namespace Inet.Tests.Fakes;

/// <summary>
/// A loopback server that plays one transcript: it expects the client's exact lines ("C: ...")
/// and sends canned replies ("S: ..."), and can misbehave on cue (disconnect, raw bytes, TLS).
/// After the script it keeps reading until the client closes, and any line that arrives then is a
/// failure too. <see cref="DisposeAsync"/> throws on a mismatch, an unfinished script or an extra
/// line, so a test fails whether or not it awaited <see cref="Completion"/>.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    /// <summary>How long disposing waits for the client to close before it stops listening for extra lines.</summary>
    private static readonly TimeSpan TrailingGrace = TimeSpan.FromMilliseconds(200);

    private readonly TcpListener _listener;
    private readonly List<(string Description, Func<Session, Task> Run)> _steps = [];
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly TaskCompletionSource _script = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _extraLines = [];
    private volatile int _step = -1;
    private Session? _session;
    private Task? _run;
    private bool _disposed;

    public ScriptedServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Serve the data one byte per write, to exercise every split point in the client.</summary>
    public bool OneBytePerWrite { get; set; }

    /// <summary>How long disposing waits for the rest of the script (a step still running) before failing.</summary>
    public TimeSpan ScriptGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Everything the client sent, as text.</summary>
    public StringBuilder Received { get; } = new();

    /// <summary>Adds steps from a transcript: "S: line" (sent with CRLF), "S:" (an empty line), "C: line" (expected exactly).</summary>
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

    public ScriptedServer Send(string line) => Add("S: " + line, s => s.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n")));

    public ScriptedServer SendRaw(byte[] bytes) => Add($"S: {bytes.Length} raw bytes", s => s.WriteAsync(bytes));

    public ScriptedServer Expect(string line) => Add("C: " + line, async s =>
    {
        var got = await s.ReadLineAsync();
        if (got != line)
            throw new InvalidOperationException($"Expected client line \"{line}\" but got {Show(got)}");
    });

    /// <summary>Reads one client line without checking it (e.g. a generated Message-ID).</summary>
    public ScriptedServer ExpectAny(Action<string>? inspect = null) => Add("C: (any line)", async s =>
        inspect?.Invoke(await s.ReadLineAsync() ?? throw new InvalidOperationException("Expected a client line but the client closed")));

    /// <summary>Reads a dot-terminated block from the client and hands it over raw (still stuffed, CRLF line ends).</summary>
    public ScriptedServer ExpectDataBlock(Action<string> inspect) => Add("C: (data block)", async s =>
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

    /// <summary>Reads a dot-terminated block and requires it to be exactly <paramref name="expected"/> (still stuffed, without the final ".").</summary>
    public ScriptedServer ExpectDataBlock(string expected) => ExpectDataBlock(block =>
    {
        if (block != expected)
            throw new InvalidOperationException($"Expected the data block \"{Escape(expected)}\" but got \"{Escape(block)}\"");
    });

    public ScriptedServer Disconnect() => Add("S: (disconnect)", s => { s.Close(); return Task.CompletedTask; });

    /// <summary>Expects the client to close (QUIT already answered) or just waits for it.</summary>
    public ScriptedServer ExpectClose() => Add("C: (close)", async s =>
    {
        var line = await s.ReadLineAsync();
        if (line is not null)
            throw new InvalidOperationException($"Expected the client to close, got \"{line}\"");
    });

    /// <summary>Performs the server side of a TLS handshake with <paramref name="certificate"/>.</summary>
    public ScriptedServer StartTls(X509Certificate2 certificate) => Add("S: (TLS handshake)", s => s.StartTlsAsync(certificate));

    /// <summary>
    /// Offers TLS with <paramref name="certificate"/> and expects the client to refuse it: the handshake fails,
    /// or the client hangs up right after it without sending a byte of data.
    /// </summary>
    public ScriptedServer StartTlsRefusedByClient(X509Certificate2 certificate) => Add("S: (TLS handshake the client refuses)", async s =>
    {
        try
        {
            await s.StartTlsAsync(certificate);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            s.Close();
            return;
        }
        string? line;
        try { line = await s.ReadLineAsync(); }
        catch (AuthenticationException) { line = null; } // the client's alert
        if (line is not null)
            throw new InvalidOperationException($"The client accepted the certificate and sent \"{line}\"");
        s.Close();
    });

    /// <summary>Switches both directions to raw DEFLATE (COMPRESS DEFLATE accepted).</summary>
    public ScriptedServer StartCompression() => Add("S: (start DEFLATE)", s => { s.StartCompression(); return Task.CompletedTask; });

    public ScriptedServer Do(Func<Stream, Task> action) => Add("S: (custom action)", s => action(s.Stream));

    /// <summary>Starts serving; the transcript runs against the first client that connects.</summary>
    public ScriptedServer Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_run is not null)
            throw new InvalidOperationException("Start() was called twice.");
        _run = Task.Run(RunAsync);
        return this;
    }

    /// <summary>Completes when the whole transcript has been played; faults on any mismatch.</summary>
    public Task Completion => _run is null ? throw new InvalidOperationException("Start() was not called.") : _script.Task;

    /// <summary>
    /// Stops the server and fails the test (throws) if the script did not play to its end, a client line
    /// differed, or the client sent a line after the script ended.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        var failures = new List<string>();
        if (_run is not null)
        {
            if (!await FinishesWithin(_script.Task, ScriptGrace))
                failures.Add($"The script did not finish: still at step {_step + 1} of {_steps.Count} ({Describe(_step)}).");
            else if (_script.Task.Exception?.InnerException is { } mismatch)
                failures.Add(mismatch.Message);
            else if (!await FinishesWithin(_run, TrailingGrace) && _session?.HasUnreadData == true)
                await FinishesWithin(_run, ScriptGrace); // the client sent something late: let the reader see what
        }
        await _stop.CancelAsync();
        _listener.Stop();
        if (_run is not null)
            await _run; // RunAsync records its failures instead of throwing
        lock (_extraLines)
            failures.AddRange(_extraLines.Select(line => $"The client sent a line after the script ended: {line}"));
        _stop.Dispose();
        if (failures.Count > 0)
            throw new XunitException("ScriptedServer: " + string.Join(Environment.NewLine, failures));
    }

    private ScriptedServer Add(string description, Func<Session, Task> run)
    {
        if (_run is not null)
            throw new InvalidOperationException("Steps must be added before Start().");
        _steps.Add((description, run));
        return this;
    }

    private async Task RunAsync()
    {
        TcpClient client;
        try
        {
            client = await _listener.AcceptTcpClientAsync(_stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            _script.TrySetException(new InvalidOperationException(_steps.Count == 0 ? "No client connected." : $"No client connected; step 1 ({Describe(0)}) never ran."));
            return;
        }
        using (client)
        {
            client.NoDelay = true;
            await using var session = new Session(client.GetStream(), this);
            _session = session;
            for (var i = 0; i < _steps.Count; i++)
            {
                _step = i;
                try
                {
                    await _steps[i].Run(session);
                }
                catch (Exception e)
                {
                    var what = e is OperationCanceledException ? "timed out or was stopped" : e.Message;
                    _script.TrySetException(new InvalidOperationException($"Step {i + 1} of {_steps.Count} ({_steps[i].Description}): {what}", e));
                    return;
                }
            }
            _step = _steps.Count;
            _script.TrySetResult();
            await ReadTrailingAsync(session);
        }
    }

    /// <summary>After the script: every line until the client closes (or the test ends) is a failure.</summary>
    private async Task ReadTrailingAsync(Session session)
    {
        if (session.IsClosed) return;
        while (true)
        {
            string? line;
            try
            {
                line = await session.ReadLineAsync();
            }
            catch (OperationCanceledException)
            {
                if (session.PartialLine is { Length: > 0 } partial)
                    lock (_extraLines) _extraLines.Add($"\"{partial}\" (no line end)");
                return;
            }
            catch (InvalidOperationException e)
            {
                lock (_extraLines) _extraLines.Add(e.Message);
                return;
            }
            if (line is null) return;
            lock (_extraLines) _extraLines.Add($"\"{line}\"");
        }
    }

    private string Describe(int step) => step < 0 ? "waiting for a client" : step < _steps.Count ? _steps[step].Description : "done";

    private static async Task<bool> FinishesWithin(Task task, TimeSpan time)
    {
        await Task.WhenAny(task, Task.Delay(time));
        return task.IsCompleted;
    }

    private static string Show(string? line) => line is null ? "<closed>" : $"\"{line}\"";

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Session(NetworkStream network, ScriptedServer owner) : IAsyncDisposable
    {
        private readonly List<byte> _line = [];
        private Stream _read = network;
        private Stream _write = network;

        public Stream Stream => _write;

        public bool IsClosed { get; private set; }

        /// <summary>Bytes of a line begun but not ended, as text.</summary>
        public string PartialLine => Encoding.UTF8.GetString([.. _line]);

        /// <summary>True when the client sent bytes the server has not read yet.</summary>
        public bool HasUnreadData
        {
            get
            {
                try { return !IsClosed && (_line.Count > 0 || network.Socket.Available > 0); }
                catch (Exception e) when (e is ObjectDisposedException or SocketException) { return false; }
            }
        }

        public async Task WriteAsync(byte[] bytes)
        {
            if (IsClosed) return;
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

        /// <summary>The next CRLF-terminated line, or null when the client closed between lines.</summary>
        public async Task<string?> ReadLineAsync()
        {
            if (IsClosed) return null;
            var buffer = new byte[1];
            _line.Clear();
            while (true)
            {
                int read;
                try { read = await _read.ReadAsync(buffer, owner._stop.Token); }
                catch (IOException) { read = 0; }
                if (read == 0)
                    return _line.Count == 0 ? null : throw new InvalidOperationException($"client closed mid-line after \"{PartialLine}\"");
                if (buffer[0] == (byte)'\n')
                {
                    if (_line.Count == 0 || _line[^1] != (byte)'\r')
                        throw new InvalidOperationException($"client sent a bare LF after \"{PartialLine}\"");
                    var text = Encoding.UTF8.GetString([.. _line], 0, _line.Count - 1);
                    _line.Clear();
                    lock (owner.Received) owner.Received.Append(text).Append('\n');
                    return text;
                }
                _line.Add(buffer[0]);
            }
        }

        public async Task StartTlsAsync(X509Certificate2 certificate)
        {
            var ssl = new SslStream(network, leaveInnerStreamOpen: true);
            _read = ssl;
            _write = ssl;
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, owner._stop.Token);
        }

        public void StartCompression()
        {
            _read = new DeflateStream(_read, CompressionMode.Decompress, leaveOpen: true);
            _write = new DeflateStream(_write, CompressionLevel.Fastest, leaveOpen: true);
        }

        public void Close()
        {
            IsClosed = true;
            try { network.Socket.Shutdown(SocketShutdown.Both); }
            catch (SocketException) { /* the client is gone already */ }
            network.Close();
        }

        public async ValueTask DisposeAsync()
        {
            if (!IsClosed)
            {
                try { await _write.FlushAsync(); } catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { /* closed already */ }
            }
            network.Dispose();
        }
    }
}
