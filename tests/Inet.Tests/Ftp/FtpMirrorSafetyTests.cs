using Inet.Ftp;
using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpMirrorFixture;

namespace Inet.Tests.Ftp;

/// <summary>Hostile listings, links and local traps: skipped and reported, nothing written outside the target, the rest mirrored.</summary>
public class FtpMirrorSafetyTests
{
    private static readonly string LongName = new('x', 300);

    /// <summary>Names a hostile server lists in /pub, none of which exists: each must be skipped with this reason.</summary>
    private static readonly (string Name, FtpMirrorSkipReason Reason)[] Hostile =
    [
        ("../evil", FtpMirrorSkipReason.UnsafeName),
        ("/etc/passwd", FtpMirrorSkipReason.UnsafeName),
        ("sub/../../x", FtpMirrorSkipReason.UnsafeName),
        ("back\\slash", FtpMirrorSkipReason.UnsafeName),
        ("a\rb", FtpMirrorSkipReason.UnsafeName),
        ("nul\0byte", FtpMirrorSkipReason.UnsafeName),
        ("tab\tname", FtpMirrorSkipReason.UnsafeName),
        ("full\uFF0Fwidth", FtpMirrorSkipReason.UnsafeName),
        ("evil\u202Etxt.exe", FtpMirrorSkipReason.UnsafeName),
        (LongName, FtpMirrorSkipReason.UnsafeName),
        ("readme.txt", FtpMirrorSkipReason.DuplicateName),
        (".readme.txt.inet-part", FtpMirrorSkipReason.ReservedName),
    ];

    private static FakeFtpTree HostileTree()
    {
        var tree = SampleTree();
        foreach (var (name, _) in Hostile)
            tree.Inject("/pub", new FakeFtpEntry(name));
        tree.Inject("/pub/data", new FakeFtpEntry("../../escape", FakeFtpNodeKind.Folder));
        return tree;
    }

    [Theory]
    [InlineData(FakeFtpFeatures.All)]
    [InlineData(FakeFtpFeatures.ListOnly)]
    public async Task HostileNames_SkippedAndReported_RestArrives(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(HostileTree(), features);

        var report = await mirror.RunAsync(parallel: 2);

        Assert.True(report.Success, string.Join("; ", report.Failed.Select(f => f.Path + ": " + f.Message)));
        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
        foreach (var (name, reason) in Hostile)
            Assert.Contains(report.Skipped, s => s.Name == name && s.Reason == reason);
        Assert.Contains(report.Skipped, s => s.Name == "../../escape" && s.Path == "data/../../escape");
        Assert.Contains(report.Skipped, s => s.Path == "a\\x0db"); // printable
        Assert.Equal(Hostile.Length + 1, report.Skipped.Count);
        Assert.Equal(["local"], Directory.EnumerateFileSystemEntries(mirror.Outside).Select(Path.GetFileName));
        Assert.Equal(6, mirror.Server.Stats.TotalRetrieves); // no hostile name was ever asked for
    }

    [Fact]
    public async Task DotNamesAsFilesInMlsd_Reported()
    {
        var tree = SampleTree().Inject("/pub", new FakeFtpEntry(".")).Inject("/pub", new FakeFtpEntry(".."));
        await using var mirror = new FtpMirrorFixture(tree);

        var report = await mirror.RunAsync();

        Assert.Equal([".", ".."], report.Skipped.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(report.Skipped, s => Assert.Equal(FtpMirrorSkipReason.UnsafeName, s.Reason));
        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
    }

    [Fact]
    public async Task CrLfInName_SplitsTheListingLine_OnlyTheFragmentIsTried()
    {
        // "a\r\nb" reaches the client as an entry "a" and a line "b" it cannot read: no name with CR or LF
        // can arrive, the fragment "a", which the server does not have, fails on its own, and "b" is reported.
        var tree = SampleTree().Inject("/pub", new FakeFtpEntry("a\r\nb"));
        await using var mirror = new FtpMirrorFixture(tree);

        var report = await mirror.RunAsync();

        Assert.Equal("a", Assert.Single(report.Failed).Path);
        var unreadable = Assert.Single(report.Skipped);
        Assert.Equal(("b", FtpMirrorSkipReason.UnreadableListing), (unreadable.Name, unreadable.Reason));
        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
    }

    private static FakeFtpTree LinkTree() => SampleTree()
        .AddFile("/pub/real/file.txt", "target", Old)
        .AddLink("/pub/tofile", "real/file.txt")
        .AddLink("/pub/todir", "real")
        .AddLink("/pub/loop", ".")
        .AddLink("/pub/up", "../..")
        .AddLink("/pub/real/back", "..")
        .AddLink("/pub/dangling", "nowhere")
        .AddFile("/elsewhere/secret.txt", "outside the tree", Old)
        .AddLink("/pub/outdir", "/elsewhere")
        .AddLink("/pub/outfile", "/elsewhere/secret.txt");

    [Theory]
    [InlineData(FakeFtpFeatures.All)]
    [InlineData(FakeFtpFeatures.ListOnly)]
    public async Task Links_CopiesOfTargets_LoopsAndDeadEndsSkipped(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(LinkTree(), features);

        var report = await mirror.RunAsync();

        Assert.True(report.Success, string.Join("; ", report.Failed.Select(f => f.Path + ": " + f.Message)));
        Assert.Equal("target", File.ReadAllText(mirror["tofile"]));
        Assert.Equal("target", File.ReadAllText(mirror["todir/file.txt"]));
        Assert.Equal("outside the tree", File.ReadAllText(mirror["outfile"])); // a file the server serves through the link
        Assert.Equal(
            [
                ("dangling", FtpMirrorSkipReason.LinkTargetMissing),
                ("loop", FtpMirrorSkipReason.SymlinkLoop),
                ("outdir", FtpMirrorSkipReason.LinkOutsideTree),
                ("real/back", FtpMirrorSkipReason.SymlinkLoop),
                ("todir/back", FtpMirrorSkipReason.SymlinkLoop),
                ("up", FtpMirrorSkipReason.SymlinkLoop),
            ],
            report.Skipped.Select(s => (s.Path, s.Reason)));
        Assert.False(File.Exists(mirror["secret.txt"]));
        Assert.Equal(["local"], Directory.EnumerateFileSystemEntries(mirror.Outside).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(FakeFtpFeatures.All)] // loops found by MLSD's unique fact
    [InlineData(FakeFtpFeatures.ListOnly)] // loops found by PWD
    public async Task LinksListedAsFolders_LoopsStillCaught(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(LinkTree(), features);
        mirror.Server.ListingsFollowLinks = true;

        var report = await mirror.RunAsync();

        Assert.Contains(report.Skipped, s => s.Path == "loop" && s.Reason == FtpMirrorSkipReason.SymlinkLoop);
        // "up" is the server's root: PWD shows that at once; by unique facts the loop shows one level down, at up/pub.
        Assert.Contains(report.Skipped, s => s.Path is "up" or "up/pub" && s.Reason == FtpMirrorSkipReason.SymlinkLoop);
        Assert.Contains(report.Skipped, s => s.Path == "todir/back" && s.Reason == FtpMirrorSkipReason.SymlinkLoop);
        Assert.Equal("target", File.ReadAllText(mirror["todir/file.txt"]));
        Assert.DoesNotContain(report.Skipped, s => s.Reason == FtpMirrorSkipReason.TooDeep);
        Assert.Equal(["local"], Directory.EnumerateFileSystemEntries(mirror.Outside).Select(Path.GetFileName));
    }

    [Fact]
    public async Task LocalSymlinksInTheWay_NotWrittenThrough()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        Directory.CreateDirectory(mirror.Local);
        var victim = Path.Combine(mirror.Outside, "victim.txt");
        File.WriteAllText(victim, "keep me");
        var victimFolder = Directory.CreateDirectory(Path.Combine(mirror.Outside, "victim-folder")).FullName;
        File.CreateSymbolicLink(mirror["readme.txt"], victim);
        Directory.CreateSymbolicLink(mirror["data"], victimFolder);
        File.CreateSymbolicLink(mirror[".zero.bin.inet-part"], victim); // a planted partial name

        var report = await mirror.RunAsync();

        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Empty(Directory.EnumerateFileSystemEntries(victimFolder));
        Assert.Equal(
            [("data", FtpMirrorSkipReason.LocalLink), ("readme.txt", FtpMirrorSkipReason.LocalLink)],
            report.Skipped.Select(s => (s.Path, s.Reason)));
        Assert.Empty(File.ReadAllBytes(mirror["zero.bin"]));
        Assert.True(report.Success);
    }

    [Fact]
    public async Task LocalFolderWhereRemoteHasFile_TypeConflictReported()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        Directory.CreateDirectory(mirror["readme.txt"]);
        File.WriteAllText(Path.Combine(mirror.Local, "empty"), "a file");

        var report = await mirror.RunAsync();

        Assert.Equal(
            [("empty", FtpMirrorSkipReason.TypeConflict), ("readme.txt", FtpMirrorSkipReason.TypeConflict)],
            report.Skipped.Select(s => (s.Path, s.Reason)));
        Assert.Equal("deep", File.ReadAllText(mirror["data/deep/a/b/c.txt"]));
        Assert.True(File.Exists(mirror["data/big.bin"]));
    }
}
