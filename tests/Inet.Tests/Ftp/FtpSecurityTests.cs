using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Core;
using Inet.Ftp;
using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Ftp;

/// <summary>FTPS (RFC 4217) and data-connection safety against the scripted server.</summary>
public class FtpSecurityTests
{
    private static FtpClientOptions TlsOptions(ScriptedServer server, FtpSecurity security, string host = "localhost") => new()
    {
        Connection = new ConnectionSettings
        {
            Host = host,
            Port = server.Port,
            ReadTimeout = TimeSpan.FromSeconds(10),
            TrustedRootCertificates = [TestCertificates.Localhost],
        },
        UserName = "joe",
        Password = "secret",
        Security = security,
    };

    [Fact]
    public async Task ExplicitTls_AuthTlsRefused_NoUserOrPasswordSent()
    {
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: AUTH TLS\nS: 502 AUTH not supported").Start();

        var e = await Assert.ThrowsAsync<TlsUnavailableException>(() => FtpClient.ConnectAsync(TlsOptions(server, FtpSecurity.ExplicitTls)));

        Assert.Equal(502, e.Reply?.Code);
        await server.Completion;
        Assert.DoesNotContain("USER", server.Received.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task ExplicitTls_LoginProtDataAndDownloadOverTls(string host)
    {
        await using var data = new FakeDataPort { Certificate = TestCertificates.Localhost };
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: AUTH TLS\nS: 234 Proceed with negotiation.")
            .StartTls(TestCertificates.Localhost)
            .Script($"""
                C: USER joe
                S: 331 Please specify the password.
                C: PASS secret
                S: 230 Login successful.
                C: PBSZ 0
                S: 200 PBSZ set to 0.
                C: PROT P
                S: 200 PROT now Private.
                C: TYPE I
                S: 200 ok
                C: EPSV
                S: {data.EpsvReply}
                C: RETR secret.bin
                S: 150 Opening BINARY mode data connection for secret.bin (6 bytes).
                """)
            .Do(_ => data.SendAsync("secret"u8.ToArray()))
            .Script("S: 226 Transfer complete.\n" + Quit).Start();
        var options = TlsOptions(server, FtpSecurity.ExplicitTls, host) with { VerifyTransferSize = false };
        await using var client = await FtpClient.ConnectAsync(options);
        using var destination = new MemoryStream();

        await client.DownloadAsync("secret.bin", destination);

        Assert.True(client.IsSecure);
        Assert.True(client.IsDataProtected);
        Assert.Equal("secret", Encoding.ASCII.GetString(destination.ToArray()));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task ExplicitTls_LargeDownloadIntoAFile_ReadOnItsOwnThread_ByteExact()
    {
        var content = Enumerable.Range(0, 3 * 1024 * 1024 + 5).Select(i => (byte)(i * 11)).ToArray();
        await using var data = new FakeDataPort { Certificate = TestCertificates.Localhost };
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: AUTH TLS\nS: 234 Proceed with negotiation.")
            .StartTls(TestCertificates.Localhost)
            .Script($"C: USER joe\nS: 331 pw\nC: PASS secret\nS: 230 ok\nC: PBSZ 0\nS: 200 ok\nC: PROT P\nS: 200 ok\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR big.bin\nS: 150 Opening BINARY mode data connection for big.bin ({content.Length} bytes).")
            .Do(_ => data.SendAsync(content))
            .Script("S: 226 Transfer complete.\n" + Quit).Start();
        await using var client = await FtpClient.ConnectAsync(TlsOptions(server, FtpSecurity.ExplicitTls) with { VerifyTransferSize = false });
        var path = Path.GetTempFileName();
        try
        {
            FtpTransferResult result;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
                result = await client.DownloadAsync("big.bin", file);

            Assert.Equal(content.Length, result.Bytes);
            Assert.Equal(content, await File.ReadAllBytesAsync(path));
            await client.QuitAsync();
            await server.Completion;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ExplicitTls_UploadOverTls_ServerGetsExactBytes()
    {
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();
        await using var data = new FakeDataPort { Certificate = TestCertificates.Localhost };
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: AUTH TLS\nS: 234 Proceed.")
            .StartTls(TestCertificates.Localhost)
            .Script($"C: USER joe\nS: 331 pw\nC: PASS secret\nS: 230 ok\nC: PBSZ 0\nS: 200 ok\nC: PROT P\nS: 200 ok\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: STOR up.bin\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync())
            .Script("S: 226 Transfer complete.\n" + Quit).Start();
        await using var client = await FtpClient.ConnectAsync(TlsOptions(server, FtpSecurity.ExplicitTls) with { VerifyTransferSize = false });

        await client.UploadAsync("up.bin", new MemoryStream(content));

        Assert.Equal(content, data.Received);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task ExplicitTls_UntrustedCertificate_FailsBeforeUser()
    {
        var other = TestCertificates.Create("localhost");
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: AUTH TLS\nS: 234 Proceed.")
            .StartTlsRefusedByClient(other).Start();

        await Assert.ThrowsAsync<System.Security.Authentication.AuthenticationException>(
            () => FtpClient.ConnectAsync(TlsOptions(server, FtpSecurity.ExplicitTls)));

        await server.Completion;
        Assert.DoesNotContain("USER", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromUrl_FtpsMeansExplicitAndPort990MeansImplicit()
    {
        var explicitTls = FtpClientOptions.FromUrl("ftps://u:p@example.org/dir/");
        var implicitTls = FtpClientOptions.FromUrl("ftps://u:p@example.org:990/");
        var plain = FtpClientOptions.FromUrl("ftp://example.org/");

        Assert.Equal((FtpSecurity.ExplicitTls, 21, false), (explicitTls.Security, explicitTls.Connection.Port, explicitTls.Connection.UseImplicitTls));
        Assert.Equal((FtpSecurity.ImplicitTls, true), (implicitTls.Security, implicitTls.Connection.UseImplicitTls));
        Assert.Equal(FtpSecurity.None, plain.Security);
    }

    [Fact]
    public async Task ActiveMode_EprtOnControlAddress_ServerConnectsBack()
    {
        string? eprt = null;
        await using var server = Server("C: TYPE I\nS: 200 ok")
            .ExpectAny(line => eprt = line).Script("S: 200 EPRT command successful.\nC: RETR f\nS: 150 go")
            .Do(_ => FakeDataPort.ConnectAndSendAsync(eprt!, "active!"u8.ToArray()))
            .Script("S: 226 done\n" + Quit);
        var options = Options(server.Start()) with { DataConnectionMode = FtpDataConnectionMode.AutoActive, VerifyTransferSize = false };
        await using var client = await FtpClient.ConnectAsync(options);
        using var destination = new MemoryStream();

        await client.DownloadAsync("f", destination);

        Assert.StartsWith("EPRT |1|127.0.0.1|", eprt, StringComparison.Ordinal);
        Assert.Equal("active!", Encoding.ASCII.GetString(destination.ToArray()));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task ControlReplyWithNoEnd_GivesUpAtTheLineLimit()
    {
        await using var server = Server("C: PWD").SendRaw(Encoding.ASCII.GetBytes("257 \"" + new string('a', 70_000)));
        await using var client = await Connect(server);

        await Assert.ThrowsAnyAsync<ProtocolViolationException>(() => client.PwdAsync());

        Assert.False(client.IsConnected);
    }
}
