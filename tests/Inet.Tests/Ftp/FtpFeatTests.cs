using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Ftp;

public class FtpFeatTests
{
    [Fact]
    public async Task Feat_Vsftpd_Parsed()
    {
        // vsftpd 3.0 with ssl_enable=YES (features.c: AUTH TLS, then the fixed list).
        await using var server = Server("""
            C: FEAT
            S: 211-Features:
            S:  AUTH TLS
            S:  EPRT
            S:  EPSV
            S:  MDTM
            S:  PASV
            S:  PBSZ
            S:  PROT
            S:  REST STREAM
            S:  SIZE
            S:  TVFS
            S:  UTF8
            S: 211 End
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        var features = await client.FeatAsync();
        Assert.Same(features, client.Features);
        Assert.Equal(["AUTH", "EPRT", "EPSV", "MDTM", "PASV", "PBSZ", "PROT", "REST", "SIZE", "TVFS", "UTF8"], features.Features.Keys.Order(StringComparer.Ordinal));
        Assert.True(features.AuthTls && features.Epsv && features.Mdtm && features.Size && features.Utf8 && features.RestStream);
        Assert.False(features.Mlst || features.Mfmt);
        Assert.Empty(features.MlstFacts);
        Assert.Equal("STREAM", features.Parameters("REST"));
        Assert.Null(features.Parameters("END"));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Feat_PureFtpd_Parsed()
    {
        // pure-ftpd 1.0.x built with TLS and RFC 2640 (ftpd.c dofeat); its closing line is "211 End.".
        await using var server = Server("""
            C: FEAT
            S: 211-Extensions supported:
            S:  EPRT
            S:  IDLE
            S:  MDTM
            S:  SIZE
            S:  MFMT
            S:  REST STREAM
            S:  MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;
            S:  MLSD
            S:  AUTH TLS
            S:  PBSZ
            S:  PROT
            S:  UTF8
            S:  TVFS
            S:  ESTA
            S:  PASV
            S:  EPSV
            S:  SPSV
            S:  ESTP
            S: 211 End.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        var features = await client.FeatAsync();
        Assert.Equal(18, features.Features.Count);
        Assert.True(features.Mlst && features.Mfmt && features.AuthTls && features.Epsv && features.Utf8 && features.RestStream);
        Assert.Equal(["type*", "size*", "sizd*", "modify*", "unix.mode*", "unix.uid*", "unix.gid*", "unique*"], features.MlstFacts);
        Assert.True(features.Has("mlsd"));
        Assert.False(features.Has("End."));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Feat_LinesWithoutLeadingSpace_StillParsed()
    {
        await using var server = Server("C: FEAT\nS: 211-Extensions supported:\nS: MLST\nS: SIZE\nS: 211 END\n" + Quit);
        await using var client = await Connect(server);
        var features = await client.FeatAsync();
        Assert.Equal(["MLST", "SIZE"], features.Features.Keys.Order(StringComparer.Ordinal));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Feat_500_NoFeatures()
    {
        await using var server = Server("C: FEAT\nS: 500 Unknown command.\n" + Quit);
        await using var client = await Connect(server);
        Assert.Empty((await client.FeatAsync()).Features);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task MultiLineReplies_OneBytePerWrite_ReadWhole()
    {
        await using var server = new ScriptedServer { OneBytePerWrite = true }.Script("""
            S: 220-first
            S: 220 last
            C: FEAT
            S: 211-Features:
            S:  MDTM
            S:  REST STREAM
            S: 211 End
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server, logIn: false);
        Assert.Equal("first\nlast", client.Welcome);
        Assert.True((await client.FeatAsync()).RestStream);
        await client.QuitAsync();
        await server.Completion;
    }
}
