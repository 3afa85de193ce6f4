using System.Text;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Tests.Fakes;

/// <summary>The fake FTP server, driven by the real client: what it serves and how it misbehaves on cue.</summary>
public class FakeFtpServerTests
{
    private static FakeFtpTree SmallTree() => new FakeFtpTree()
        .AddFile("/pub/a.txt", "alpha")
        .AddFile("/pub/sub/b.bin", new byte[] { 1, 2, 3 })
        .AddLink("/pub/latest", "sub")
        .AddLink("/pub/b", "sub/b.bin");

    [Fact]
    public async Task WrongPassword_Refused530()
    {
        await using var server = new FakeFtpServer(SmallTree()).Start();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => FtpClient.ConnectAsync(server.ClientOptions("wrong")));
    }

    [Fact]
    public async Task Mlsd_ShowsLinksWithTargetsAndFolderItself()
    {
        await using var server = new FakeFtpServer(SmallTree()).Start();
        await using var client = await FtpClient.ConnectAsync(server.ClientOptions());

        var items = await client.MlsdAsync("/pub").ToListAsync();

        Assert.Equal([".", "a.txt", "b", "latest", "sub"], items.Select(i => i.Name));
        Assert.Equal(FtpItemType.CurrentDirectory, items[0].Type);
        Assert.Equal("sub", items.Single(i => i.Name == "latest").LinkTarget);
        Assert.Equal(5, items.Single(i => i.Name == "a.txt").Size);
    }

    [Fact]
    public async Task List_WithoutMlst_UnixLinesTheClientParses()
    {
        await using var server = new FakeFtpServer(SmallTree()) { Features = FakeFtpFeatures.ListOnly }.Start();
        await using var client = await FtpClient.ConnectAsync(server.ClientOptions());

        var items = await client.ListAsync("/pub").ToListAsync();

        Assert.Equal(["a.txt", "b", "latest", "sub"], items.Select(i => i.Name));
        Assert.Equal(FtpItemType.Link, items.Single(i => i.Name == "latest").Type);
        Assert.Equal(FakeFtpTree.DefaultTime.Date, items.Single(i => i.Name == "a.txt").Modified!.Value.Date);
    }

    [Fact]
    public async Task Retr_ThroughLinks_ServesTheTarget()
    {
        await using var server = new FakeFtpServer(SmallTree()).Start();
        await using var client = await FtpClient.ConnectAsync(server.ClientOptions());
        using var viaFolderLink = new MemoryStream();
        using var viaFileLink = new MemoryStream();

        await client.DownloadAsync("/pub/latest/b.bin", viaFolderLink);
        await client.DownloadAsync("/pub/b", viaFileLink);

        Assert.Equal(new byte[] { 1, 2, 3 }, viaFolderLink.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, viaFileLink.ToArray());
        Assert.Equal(1, server.Stats.Retrieves("/pub/b"));
    }

    [Fact]
    public async Task StorRestAppe_ChangeTheTree()
    {
        await using var server = new FakeFtpServer(SmallTree()).Start();
        await using var client = await FtpClient.ConnectAsync(server.ClientOptions());

        await client.UploadAsync("/pub/new.txt", new MemoryStream("hello"u8.ToArray()));
        await client.AppendAsync("/pub/new.txt", new MemoryStream(" world"u8.ToArray()));
        await client.UploadAsync("/pub/new.txt", new MemoryStream("W"u8.ToArray()), offset: 6);

        Assert.Equal("hello W", Encoding.UTF8.GetString(server.Tree.Read("/pub/new.txt")!));
        Assert.Equal([6], server.Stats.RestOffsets("/pub/new.txt"));
    }

    [Fact]
    public async Task InjectedHostileNames_SentRaw()
    {
        var tree = SmallTree().Inject("/pub", new FakeFtpEntry("../evil")).Inject("/pub", new FakeFtpEntry("a\rb"));
        await using var server = new FakeFtpServer(tree).Start();
        await using var client = await FtpClient.ConnectAsync(server.ClientOptions());

        var names = await client.NlstAsync("/pub").ToListAsync();

        Assert.Contains("../evil", names);
        Assert.Contains("a\rb", names);
    }

    [Fact]
    public async Task Faults_ShortDataAndRefusal()
    {
        await using var server = new FakeFtpServer(SmallTree()) { Features = FakeFtpFeatures.Mlst | FakeFtpFeatures.Epsv }.Start();
        server.Fault("/pub/a.txt", FakeFtpFault.ShortData(2)).Fault("/pub/sub/b.bin", FakeFtpFault.Refuse());
        await using var client = await FtpClient.ConnectAsync(server.ClientOptions());

        var shortRead = await Assert.ThrowsAsync<FtpIncompleteTransferException>(() => client.DownloadAsync("/pub/a.txt", new MemoryStream()));
        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.DownloadAsync("/pub/sub/b.bin", new MemoryStream()));

        Assert.Equal(2, shortRead.Transferred);
        await client.NoopAsync();
    }

    [Fact]
    public async Task ManySessions_CountedAtOnce()
    {
        await using var server = new FakeFtpServer(SmallTree()).Start();

        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FtpClient.ConnectAsync(server.ClientOptions())));
        foreach (var client in clients)
            await client.DisposeAsync();

        Assert.Equal(3, server.Stats.Connections);
        Assert.Equal(3, server.Stats.MaxConcurrentSessions);
    }
}
