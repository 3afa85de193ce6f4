using System.CommandLine;
using System.Text.RegularExpressions;
using Inet.Cli;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_StartsOnPortZero_AnswersAndStopsOnCancel()
    {
        var output = new SignallingWriter();
        using var cts = new CancellationTokenSource();
        var root = new RootCommand { ServeCommand.Create() };
        var config = new InvocationConfiguration { Output = output, Error = new StringWriter() };
        var run = root.Parse(["serve", "--port", "0", "--group", "alt.one", "--group", "alt.two"]).InvokeAsync(config, cts.Token);

        string line = await output.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var match = Regex.Match(line, @"Listening on 127\.0\.0\.1:(\d+)");
        Assert.True(match.Success, line);
        var endPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        await using (var client = await RawNntpClient.ConnectAsync(endPoint))
        {
            Assert.StartsWith("200 ", client.Greeting);
            var (_, groups) = await client.MultiAsync("LIST ACTIVE");
            Assert.Equal(["alt.one 0 1 y", "alt.two 0 1 y"], groups);
        }
        await cts.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Serve_WithUserAndPasswordFile_RequiresAuth()
    {
        string passwordFile = Path.GetTempFileName();
        string certFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, "pw123\n");
        try
        {
            var output = new SignallingWriter();
            using var cts = new CancellationTokenSource();
            var settings = new ServeSettings("127.0.0.1", 0, "bob", passwordFile, Tls: true, null, [], PostingAllowed: true) { CertificateOut = certFile };
            var run = ServeCommand.RunAsync(settings, output, new StringWriter(), cts.Token);
            string line = await output.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(20));
            int port = int.Parse(Regex.Match(line, @":(\d+) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await using (var client = await RawNntpClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)))
            {
                Assert.StartsWith("480 ", await client.CommandAsync("GROUP local.test"));
                var (_, caps) = await client.MultiAsync("CAPABILITIES");
                Assert.Contains("STARTTLS", caps);
                Assert.StartsWith("382 ", await client.CommandAsync("STARTTLS"));
                using var written = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(certFile);
                await client.UpgradeToTlsAsync(written);
                await client.CommandAsync("AUTHINFO USER bob");
                Assert.StartsWith("281 ", await client.CommandAsync("AUTHINFO PASS pw123"));
                Assert.Equal("211 0 1 0 local.test", await client.CommandAsync("GROUP local.test"));
            }
            await cts.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        }
        finally
        {
            File.Delete(passwordFile);
            File.Delete(certFile);
        }
    }

    [Fact]
    public async Task Serve_UserWithoutPasswordFile_IsUsageError()
    {
        var error = new StringWriter();
        var settings = new ServeSettings("127.0.0.1", 0, "bob", null, false, null, [], true);
        Assert.Equal(Inet.Core.ExitCodes.Usage, await ServeCommand.RunAsync(settings, new StringWriter(), error, CancellationToken.None));
        Assert.Contains("--password-file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_IsNetworkError()
    {
        await using var busy = await TestServers.StartAsync(seed: false);
        var error = new StringWriter();
        var settings = new ServeSettings("127.0.0.1", busy.Port, null, null, false, null, [], true);
        Assert.Equal(Inet.Core.ExitCodes.Network, await ServeCommand.RunAsync(settings, new StringWriter(), error, CancellationToken.None));
        Assert.StartsWith("inet: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadHost_IsUsageError()
    {
        var settings = new ServeSettings("not-an-address", 0, null, null, false, null, [], true);
        Assert.Equal(Inet.Core.ExitCodes.Usage, await ServeCommand.RunAsync(settings, new StringWriter(), new StringWriter(), CancellationToken.None));
    }

    /// <summary>A writer that completes a task with the first full line written to it.</summary>
    private sealed class SignallingWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            FirstLine.TrySetResult(value ?? "");
            return base.WriteLineAsync(value);
        }

        public override void WriteLine(string? value)
        {
            FirstLine.TrySetResult(value ?? "");
            base.WriteLine(value);
        }
    }
}
