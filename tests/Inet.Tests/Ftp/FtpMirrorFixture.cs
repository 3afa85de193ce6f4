using System.Diagnostics;
using System.Globalization;
using Inet.Ftp;
using Inet.Tests.Fakes;

namespace Inet.Tests.Ftp;

/// <summary>A fake FTP server and a temp folder for mirror tests; both go away on dispose.</summary>
internal sealed class FtpMirrorFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Old = new(2023, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("inet-mirror-");

    public FtpMirrorFixture(FakeFtpTree tree, FakeFtpFeatures features = FakeFtpFeatures.All)
    {
        Server = new FakeFtpServer(tree) { Features = features }.Start();
    }

    public FakeFtpServer Server { get; }

    /// <summary>The local side of the mirror (not created: a download makes it).</summary>
    public string Local => Path.Combine(_temp.FullName, "local");

    /// <summary>A folder beside <see cref="Local"/> that the mirror must never touch.</summary>
    public string Outside => _temp.FullName;

    public string this[string relative] => Path.Combine(Local, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A tree of several folders, odd names that are still fine, an empty file and an empty folder.</summary>
    public static FakeFtpTree SampleTree() => new FakeFtpTree()
        .AddFile("/pub/readme.txt", "hello mirror", Old)
        .AddFile("/pub/data/big.bin", Bytes(300_000, 7), Old.AddDays(1))
        .AddFile("/pub/data/deep/a/b/c.txt", "deep", Old.AddDays(2))
        .AddFile("/pub/with space & semi;colon.txt", "spaces", Old)
        .AddFile("/pub/.hidden", "dot file", Old)
        .AddFile("/pub/zero.bin", Array.Empty<byte>(), Old)
        .AddFolder("/pub/empty");

    public static byte[] Bytes(int length, int seed) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * seed) ^ (i >> 8)))];

    public FtpMirrorOptions Options(string remote = "/pub", bool reverse = false, int parallel = 1, bool dryRun = false) => new()
    {
        Client = Server.ClientOptions(),
        LocalPath = Local,
        RemotePath = remote,
        Reverse = reverse,
        Parallel = parallel,
        DryRun = dryRun,
    };

    public Task<FtpMirrorReport> RunAsync(string remote = "/pub", bool reverse = false, int parallel = 1, bool dryRun = false) =>
        new FtpMirror(Options(remote, reverse, parallel, dryRun)).RunAsync();

    /// <summary>Every local file, by path relative to <see cref="Local"/> with '/', with its bytes.</summary>
    public SortedDictionary<string, byte[]> LocalFiles()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(Local))
            return files;
        foreach (var file in Directory.EnumerateFiles(Local, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(Local, file).Replace(Path.DirectorySeparatorChar, '/')] = File.ReadAllBytes(file);
        return files;
    }

    /// <summary>Every local file's identity: inode (on Unix) and modification time, to prove files were left alone.</summary>
    public SortedDictionary<string, string> LocalIdentities()
    {
        var identities = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Local, "*", SearchOption.AllDirectories))
            identities[file] = $"{Inode(file)} {File.GetLastWriteTimeUtc(file).Ticks.ToString(CultureInfo.InvariantCulture)}";
        return identities;
    }

    /// <summary>The file's inode number from stat(1); "" where there is none.</summary>
    public static string Inode(string path)
    {
        if (OperatingSystem.IsWindows())
            return "";
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return inode;
    }

    /// <summary>Every file of the server's tree below <paramref name="root"/>, relative, with its bytes.</summary>
    public SortedDictionary<string, byte[]> RemoteFiles(string root = "/pub")
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var start = Server.Tree.Find(root);
        if (start is not null)
            Collect(start, "", files);
        return files;
    }

    private static void Collect(FakeFtpNode folder, string prefix, SortedDictionary<string, byte[]> files)
    {
        foreach (var child in folder.Children.Values)
        {
            if (child.Kind == FakeFtpNodeKind.File)
                files[prefix + child.Name] = child.Content;
            else if (child.Kind == FakeFtpNodeKind.Folder)
                Collect(child, prefix + child.Name + "/", files);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            _temp.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
