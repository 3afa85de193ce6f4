using Inet.Core;
using Inet.Ftp;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Ftp;

public class FtpClientFileTests
{
    [Fact]
    public async Task Pwd_PathWithDoubledQuotes_Unescaped()
    {
        await using var server = Server("C: PWD\nS: 257 \"/home/a \"\"quoted\"\" dir\" is the current directory\n" + Quit);
        await using var client = await Connect(server);
        Assert.Equal("/home/a \"quoted\" dir", await client.PwdAsync());
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Pwd_NoQuotedPath_ThrowsProtocolViolation()
    {
        await using var server = Server("C: PWD\nS: 257 /home/joe");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.PwdAsync());
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task CwdCdupRmdDele_ExactTranscript()
    {
        await using var server = Server("""
            C: CWD /pub/with space
            S: 250 Directory successfully changed.
            C: CDUP
            S: 250 Directory successfully changed.
            C: RMD old
            S: 250 Remove directory operation successful.
            C: DELE -leading dash.txt
            S: 250 Delete operation successful.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        await client.CwdAsync("/pub/with space");
        await client.CdupAsync();
        await client.RmdAsync("old");
        await client.DeleAsync("-leading dash.txt");
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Cwd_550_ThrowsFileUnavailable_SessionStillUsable()
    {
        await using var server = Server("C: CWD nope\nS: 550 Failed to change directory.\nC: NOOP\nS: 200 ok\n" + Quit);
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.CwdAsync("nope"));
        Assert.Equal(550, error.Code);
        Assert.IsAssignableFrom<FtpPermanentException>(error);
        await client.NoopAsync();
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Dele_450_ThrowsTransient()
    {
        await using var server = Server("C: DELE busy\nS: 450 File busy.\n" + Quit);
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<FtpTransientException>(() => client.DeleAsync("busy"));
        Assert.True(error.IsTransient);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Mkd_257_ReturnsCreatedPath()
    {
        await using var server = Server("C: MKD new \"dir\"\nS: 257 \"/pub/new \"\"dir\"\"\" created\n" + Quit);
        await using var client = await Connect(server);
        Assert.Equal("/pub/new \"dir\"", await client.MkdAsync("new \"dir\""));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Mkd_250WithoutPath_ReturnsTheNameGiven()
    {
        await using var server = Server("C: MKD made\nS: 250 Directory created\n" + Quit);
        await using var client = await Connect(server);
        Assert.Equal("made", await client.MkdAsync("made"));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Rename_RnfrThenRnto()
    {
        await using var server = Server("""
            C: RNFR a.txt
            S: 350 Ready for RNTO.
            C: RNTO b c.txt
            S: 250 Rename successful.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        await client.RenameAsync("a.txt", "b c.txt");
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Rename_RnfrRefused_ThrowsAndSendsNoRnto()
    {
        await using var server = Server("C: RNFR missing\nS: 550 RNFR command failed.\n" + Quit);
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.RenameAsync("missing", "new"));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Rename_TargetWithCrLf_NeitherCommandSent()
    {
        await using var server = Server("C: NOOP\nS: 200 ok\n" + Quit);
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ArgumentException>(() => client.RenameAsync("a.txt", "b\r\nDELE c"));
        await client.NoopAsync();
        await client.QuitAsync();
        await server.Completion;
        Assert.Equal("USER anonymous\nPASS anonymous@\nNOOP\nQUIT\n", server.Received.ToString());
    }

    [Theory]
    [InlineData("a\r\nDELE x")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("nul\0")]
    public async Task PathArguments_WithControlCharacters_RejectedBeforeSending(string path)
    {
        await using var server = Server("C: NOOP\nS: 200 ok\n" + Quit);
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CwdAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.MkdAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RmdAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DeleAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SizeAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.MdtmAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.MfmtAsync(path, DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SiteAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.StatAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendCommandAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.VoidCommandAsync(path));
        await client.NoopAsync(); // the next line on the wire is NOOP, not a piece of a refused command
        await client.QuitAsync();
        await server.Completion;
        Assert.Equal("USER anonymous\nPASS anonymous@\nNOOP\nQUIT\n", server.Received.ToString());
    }

    [Fact]
    public async Task SizeAndMdtm_Parsed()
    {
        await using var server = Server("""
            C: SIZE big.iso
            S: 213 5368709120
            C: MDTM big.iso
            S: 213 20240229235958
            C: MDTM frac.txt
            S: 213 19980101000000.123
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        Assert.Equal(5_368_709_120L, await client.SizeAsync("big.iso"));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero), await client.MdtmAsync("big.iso"));
        Assert.Equal(new DateTimeOffset(1998, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), await client.MdtmAsync("frac.txt"));
        await client.QuitAsync();
        await server.Completion;
    }

    [Theory]
    [InlineData("SIZE", "213 -5")]
    [InlineData("SIZE", "213 12 bytes")]
    [InlineData("SIZE", "213 99999999999999999999")]
    [InlineData("MDTM", "213 2024022923595")]
    [InlineData("MDTM", "213 20241301000000")]
    [InlineData("MDTM", "213 20240229235958.")]
    [InlineData("MDTM", "213 20240229235958.1x")]
    [InlineData("MDTM", "213 191240229235958")]
    public async Task SizeOrMdtm_BadValue_ThrowsProtocolViolation(string verb, string reply)
    {
        await using var server = Server($"C: {verb} f\nS: {reply}");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => verb == "SIZE" ? client.SizeAsync("f") : client.MdtmAsync("f"));
        Assert.False(client.IsConnected); // no QUIT: the session is no longer trusted
        await server.Completion;
    }

    [Fact]
    public async Task Size_550_ThrowsFileUnavailable()
    {
        await using var server = Server("C: SIZE nope\nS: 550 Could not get file size.\n" + Quit);
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.SizeAsync("nope"));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Mfmt_SendsUtcTime()
    {
        await using var server = Server("C: MFMT 20240102030405 a b.txt\nS: 213 Modify=20240102030405; a b.txt\n" + Quit);
        await using var client = await Connect(server);
        await client.MfmtAsync("a b.txt", new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)));
        await client.QuitAsync();
        await server.Completion;
    }
}
