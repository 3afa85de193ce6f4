using Inet.Codecs;
using Inet.News.Download;
using Inet.News.Par2;
using Inet.Tests.News.Par2;

namespace Inet.Tests.News.Download;

public class DownloadPar2Tests
{
    /// <summary>Makes data.bin and other.bin, a recovery set for them with par2, and posts all of it.</summary>
    private static async Task<(byte[] Data, byte[] Other, List<Inet.News.Nzb.NzbFile> Files)> PostSetAsync(DownloadFixture f)
    {
        using var source = new TempFolder();
        var data = DownloadFixture.RandomBytes(60_000, 21);
        var other = DownloadFixture.RandomBytes(25_000, 22);
        await File.WriteAllBytesAsync(source["data.bin"], data);
        await File.WriteAllBytesAsync(source["other.bin"], other);
        Assert.Equal(0, Par2Tool.Run(source.Path, "create", "-q", "-q", "-s4000", "-c8", "-n1", "--", "set.par2", "data.bin", "other.bin"));
        var files = new List<Inet.News.Nzb.NzbFile>
        {
            await f.PostAsync("data.bin", data, 10_000),
            await f.PostAsync("other.bin", other, 10_000),
        };
        foreach (var par2 in Directory.GetFiles(source.Path, "*.par2").Order(StringComparer.Ordinal))
            files.Add(await f.PostAsync(Path.GetFileName(par2), await File.ReadAllBytesAsync(par2), 10_000));
        return (data, other, files);
    }

    [Par2Fact]
    public async Task Run_SetWithPar2_VerifiedNatively()
    {
        await using var f = await DownloadFixture.StartAsync();
        await PostSetAsync(f);

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        var set = Assert.Single(report.Par2);
        Assert.EndsWith("set.par2", set.Par2File, StringComparison.Ordinal);
        Assert.Equal(["data.bin", "other.bin"], set.Files.Select(x => x.Name).Order());
        Assert.All(set.Files, x => Assert.Equal((Par2FileStatus.Ok, Par2FileStatus.Ok, 0), (x.Verified, x.Final, x.DamagedSlices.Count)));
        Assert.Null(set.Repair);
        Assert.True(report.AllOk);
    }

    [Par2Fact]
    public async Task Run_SegmentMissingEverywhere_RepairedWithPar2()
    {
        await using var f = await DownloadFixture.StartAsync();
        var (data, _, files) = await PostSetAsync(f);
        f.Servers[0].Options.Faults.MarkMissing("<" + files[0].Segments[2].MessageId + ">");

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        var file = report.Files[0];
        Assert.Equal((AssemblyStatus.Incomplete, true), (file.Status, file.Repaired));
        var set = Assert.Single(report.Par2);
        Assert.Equal(Par2RepairStatus.Repaired, set.Repair);
        var entry = Assert.Single(set.Files, x => x.Name == "data.bin");
        // Segment 3 (bytes 20,000-29,999) never arrived: slices 5-7 of 4,000 bytes, checked in data.bin.incomplete.
        Assert.Equal(Par2FileStatus.Damaged, entry.Verified);
        Assert.Equal([5L, 6L, 7L], entry.DamagedSlices);
        Assert.Equal(Par2FileStatus.Ok, entry.Final);
        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("data.bin")));
        Assert.True(report.AllOk);
    }

    [Par2Fact]
    public async Task Run_Par2RepairDisabled_DamageReportedNotRepaired()
    {
        await using var f = await DownloadFixture.StartAsync();
        var (_, _, files) = await PostSetAsync(f);
        f.Servers[0].Options.Faults.MarkCorrupt("<" + files[1].Segments[0].MessageId + ">");

        var report = await new DownloadEngine(f.Options() with { RepairPar2 = false }).RunAsync(f.Nzb);

        var set = Assert.Single(report.Par2);
        var entry = Assert.Single(set.Files, x => x.Name == "other.bin");
        // Kept as other.bin.damaged and checked there: the server changed one byte of segment 1 (bytes 0-9,999, slices 0-2).
        Assert.Equal((Par2FileStatus.Damaged, Par2FileStatus.Damaged), (entry.Verified, entry.Final));
        Assert.InRange(Assert.Single(entry.DamagedSlices), 0L, 2L);
        Assert.Equal("repair disabled", set.Message);
        Assert.False(report.AllOk);
    }
}
