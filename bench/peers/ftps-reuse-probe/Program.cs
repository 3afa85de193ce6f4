// FTPS data-connection TLS session reuse probe (issue 16). One process = one scenario, because the
// SslStream client session cache on Linux is process-wide. Prints one line per step and a final
// "RESULT ..." line; the exit code is 0 when every transfer ended in 226, 1 when any got 522 (or failed).
//
// Usage: FtpsReuseProbe [--port 2121] [--host 127.0.0.1] [--target-host 127.0.0.1|localhost]
//          [--cafile /tmp/srvtest/tls/cert.pem] [--tls12] [--options same|copy]
//          [--order after150|before150] [--transfers N] [--second-control] [--no-resume] [--cipher-policy]
//          [--early-second] [--no-drain] [--name-check-ip 127.0.0.1]  (with a synthetic --target-host: check the certificate against the IP instead)
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

var settings = ProbeSettings.Parse(args);
Console.WriteLine($"runtime {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine($"scenario: {settings}");

var failures = 0;
var transfers = 0;
try
{
    Control? second = null;
    // --early-second: open ctl2 right after ctl1's handshake, before ctl1 has read anything over TLS, to see when
    // a TLS 1.3 ticket becomes available for resumption (vsftpd logs "reused"/"not reused" for each connection).
    await using var control = await Control.OpenAsync(settings, "ctl1",
        settings.EarlySecond ? async () => second = await Control.OpenAsync(settings, "ctl2") : null);
    if (settings.SecondControl && !settings.EarlySecond)
    {
        // A second FTPS session to the same host, logged in after the first: the client cache is keyed by
        // target host, so its session is the newest one cached for that host when ctl1 opens a data connection.
        second = await Control.OpenAsync(settings, "ctl2");
    }
    for (var i = 0; i < settings.Transfers; i++)
    {
        var command = (i % 3) switch { 0 => "LIST", 1 => "RETR user.txt", _ => "STOR probe-upload.bin" };
        var ok = await control.TransferAsync(command, i + 1);
        transfers++;
        if (!ok)
        {
            failures++;
            break; // vsftpd ends the session after 522
        }
    }
    if (failures == 0 && settings.Transfers >= 3)
        await control.DeleteAsync("probe-upload.bin");
    if (failures == 0)
        await control.QuitAsync();
    if (second is not null)
    {
        var ok = await second.TransferAsync("LIST", 1);
        transfers++;
        if (!ok)
            failures++;
        await second.DisposeAsync();
    }
}
catch (Exception e) when (e is IOException or SocketException or AuthenticationException or InvalidOperationException)
{
    Console.WriteLine($"ERROR {e.GetType().Name}: {e.Message}");
    failures++;
}
Console.WriteLine($"RESULT {(failures == 0 ? "PASS" : "FAIL")} transfers={transfers} failed={failures} ({settings})");
return failures == 0 ? 0 : 1;

internal sealed record ProbeSettings(
    string Host, int Port, string TargetHost, string CaFile, bool Tls12, bool SameOptions, bool HandshakeBefore150,
    int Transfers, bool SecondControl, bool NoResume, bool CipherPolicy, string? NameCheckIp, bool NoDrain, bool EarlySecond)
{
    public static ProbeSettings Parse(string[] args)
    {
        var s = new ProbeSettings("127.0.0.1", 2121, "127.0.0.1", "/tmp/srvtest/tls/cert.pem", false, true, false, 2, false, false, false, null, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            s = args[i] switch
            {
                "--host" => s with { Host = Next() },
                "--port" => s with { Port = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--target-host" => s with { TargetHost = Next() },
                "--cafile" => s with { CaFile = Next() },
                "--tls12" => s with { Tls12 = true },
                "--options" => s with { SameOptions = Next() == "same" },
                "--order" => s with { HandshakeBefore150 = Next() == "before150" },
                "--transfers" => s with { Transfers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--second-control" => s with { SecondControl = true },
                "--no-resume" => s with { NoResume = true },
                "--cipher-policy" => s with { CipherPolicy = true },
                "--name-check-ip" => s with { NameCheckIp = Next() },
                "--no-drain" => s with { NoDrain = true },
                "--early-second" => s with { SecondControl = true, EarlySecond = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return s;
    }

    public override string ToString() =>
        $"tls={(Tls12 ? "1.2" : "default")} target={TargetHost} options={(SameOptions ? "same" : "copy")} " +
        $"order={(HandshakeBefore150 ? "before150" : "after150")} transfers={Transfers}" +
        (SecondControl ? EarlySecond ? " early-second-control" : " second-control" : "") + (NoResume ? " data:AllowTlsResume=false" : "") +
        (CipherPolicy ? " data:CipherSuitesPolicy" : "") + (NameCheckIp is null ? "" : $" name-check-ip={NameCheckIp}") +
        (NoDrain ? " upload:no-drain" : "");
}

internal sealed class Control : IAsyncDisposable
{
    private readonly ProbeSettings _settings;
    private readonly string _name;
    private readonly Socket _socket;
    private Stream _stream;
    private SslClientAuthenticationOptions? _options;

    private Control(ProbeSettings settings, string name, Socket socket)
    {
        _settings = settings;
        _name = name;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<Control> OpenAsync(ProbeSettings settings, string name, Func<Task>? afterHandshake = null)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Parse(settings.Host), settings.Port);
        var c = new Control(settings, name, socket);
        await c.ExpectAsync(220);
        await c.CommandAsync("AUTH TLS", 234);
        var ssl = new SslStream(c._stream, leaveInnerStreamOpen: false);
        c._options = CreateOptions(settings, forData: false);
        var sw = Stopwatch.StartNew();
        await ssl.AuthenticateAsClientAsync(c._options);
        c._stream = ssl;
        c.Say($"control TLS {ssl.SslProtocol} {ssl.NegotiatedCipherSuite} in {sw.ElapsedMilliseconds} ms");
        if (afterHandshake is not null)
            await afterHandshake();
        await c.CommandAsync("USER ftpuser", 331);
        await c.CommandAsync("PASS ftppass", 230, echo: "PASS ****");
        await c.CommandAsync("PBSZ 0", 200);
        await c.CommandAsync("PROT P", 200);
        await c.CommandAsync("TYPE I", 200);
        return c;
    }

    private static SslClientAuthenticationOptions CreateOptions(ProbeSettings settings, bool forData)
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(settings.CaFile));
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(root);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = settings.TargetHost,
            CertificateChainPolicy = policy,
            EnabledSslProtocols = settings.Tls12 ? SslProtocols.Tls12 : SslProtocols.None,
        };
        if (settings.NameCheckIp is { } ip)
        {
            // TargetHost is a synthetic name (it keys the session cache and goes out as SNI); the name check is done
            // here against the address we connected to. The chain was already built with the custom root.
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None ||
                (errors == SslPolicyErrors.RemoteCertificateNameMismatch && certificate is X509Certificate2 c && c.MatchesHostname(ip));
        }
        if (forData && settings.NoResume)
            options.AllowTlsResume = false;
        if (forData && settings.CipherPolicy && OperatingSystem.IsLinux())
            options.CipherSuitesPolicy = new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]);
        return options;
    }

    /// <summary>EPSV, connect, send the command, TLS on the data socket, read to EOF, read the final reply.</summary>
    public async Task<bool> TransferAsync(string command, int number)
    {
        var epsv = await CommandAsync("EPSV", 229);
        var open = epsv.IndexOf("(|||", StringComparison.Ordinal);
        var port = int.Parse(epsv.AsSpan(open + 4, epsv.IndexOf('|', open + 4) - open - 4), CultureInfo.InvariantCulture);
        var dataSocket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await dataSocket.ConnectAsync(IPAddress.Parse(_settings.Host), port);
        var data = new SslStream(new NetworkStream(dataSocket, ownsSocket: true), leaveInnerStreamOpen: false);
        // (a) the very same options instance as the control connection, or (b) a fresh one with the same values.
        var options = _settings.SameOptions && !_settings.NoResume && !_settings.CipherPolicy ? _options! : CreateOptions(_settings, forData: true);
        var sw = Stopwatch.StartNew();
        Task? handshake = null;
        if (_settings.HandshakeBefore150)
            handshake = data.AuthenticateAsClientAsync(options); // ClientHello goes out before the command
        await SendAsync(command);
        var preliminary = await ReadReplyAsync();
        if (preliminary.Code != 150 && preliminary.Code != 125)
        {
            Say($"transfer {number}: no 150 ({preliminary.Text})");
            await data.DisposeAsync();
            return false;
        }
        var received = 0;
        string? dataError = null;
        try
        {
            handshake ??= data.AuthenticateAsClientAsync(options);
            await handshake;
            var handshakeMs = sw.ElapsedMilliseconds;
            var buffer = new byte[8192];
            if (command.StartsWith("STOR", StringComparison.Ordinal))
            {
                for (var k = 0; k < 16; k++)
                    await data.WriteAsync(buffer);
                received = 16 * buffer.Length;
                await data.ShutdownAsync(); // close_notify, so the server sees a clean end of the upload
                if (!_settings.NoDrain)
                {
                    // Under TLS 1.3 the server sends session tickets on the data connection too. Closing the socket with
                    // them unread makes Linux send RST, and the server loses the end of the upload (426). Read to EOF first.
                    while (await data.ReadAsync(buffer) > 0)
                    {
                    }
                }
            }
            else
            {
                int n;
                while ((n = await data.ReadAsync(buffer)) > 0)
                    received += n;
            }
            Say($"transfer {number}: data TLS {data.SslProtocol} {data.NegotiatedCipherSuite}, handshake+150 {handshakeMs} ms, " +
                $"{received} bytes, peer cert {(data.RemoteCertificate is null ? "none" : data.RemoteCertificate.Subject)}");
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            dataError = $"{e.GetType().Name}: {e.Message}";
            Say($"transfer {number}: data side failed: {dataError}");
        }
        await data.DisposeAsync();
        var final = await ReadReplyAsync();
        var ok = final.Code == 226;
        Say($"transfer {number} ({command}): {(ok ? "OK" : "REJECTED")} {final.Text}");
        return ok;
    }

    public async Task QuitAsync() => await CommandAsync("QUIT", 221);

    public async Task DeleteAsync(string path) => await CommandAsync("DELE " + path, 250);

    private async Task<string> CommandAsync(string line, int expected, string? echo = null)
    {
        await SendAsync(line, echo);
        var reply = await ReadReplyAsync();
        if (reply.Code != expected)
            throw new InvalidOperationException($"{echo ?? line}: expected {expected}, got {reply.Text}");
        return reply.Text;
    }

    private async Task ExpectAsync(int expected)
    {
        var reply = await ReadReplyAsync();
        if (reply.Code != expected)
            throw new InvalidOperationException($"expected {expected}, got {reply.Text}");
    }

    private async Task SendAsync(string line, string? echo = null)
    {
        Say($"C: {echo ?? line}");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        await _stream.FlushAsync();
    }

    private async Task<(int Code, string Text)> ReadReplyAsync()
    {
        var first = await ReadLineAsync();
        Say($"S: {first}");
        if (first.Length < 4 || !int.TryParse(first.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new InvalidOperationException($"bad reply: {first}");
        if (first[3] == '-')
        {
            string line;
            do
            {
                line = await ReadLineAsync();
                Say($"S: {line}");
            }
            while (!(line.Length >= 4 && line.StartsWith(first[..3], StringComparison.Ordinal) && line[3] == ' '));
        }
        return (code, first);
    }

    // One byte at a time: no read-ahead, so nothing plaintext is buffered across AUTH TLS. Fine for a probe.
    private async Task<string> ReadLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one) == 0)
                throw new IOException("control connection closed");
            if (one[0] == '\n')
                break;
            if (one[0] != '\r')
                bytes.Add(one[0]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private void Say(string text) => Console.WriteLine($"[{_name}] {text}");

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
