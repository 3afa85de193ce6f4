using System.Security.Cryptography;
using Inet.News.Par2;

namespace Inet.Tests.News.Par2;

/// <summary>Reader, verifier and repairer against sets made by the real par2cmdline.</summary>
public sealed class Par2ToolTests : IDisposable
{
    private const int SliceSize = 4096;
    private readonly TempFolder _dir = new();
    private readonly byte[] _a = Par2TestSet.RandomData(100_000, 11);
    private readonly byte[] _b = Par2TestSet.RandomData(50_001, 12);

    private async Task<Par2RecoverySet> CreateAsync(int recoveryBlocks = 8)
    {
        await File.WriteAllBytesAsync(_dir["a.bin"], _a);
        await File.WriteAllBytesAsync(_dir["b.bin"], _b);
        Assert.Equal(0, Par2Tool.Run(_dir.Path, "create", "-q", "-q", $"-s{SliceSize}", $"-c{recoveryBlocks}", $"-n{Math.Min(2, recoveryBlocks)}", "--", "set.par2", "a.bin", "b.bin"));
        return await Par2Reader.ReadSetAsync(_dir["set.par2"]);
    }

    public void Dispose() => _dir.Dispose();

    [Par2Fact]
    public async Task ReadSet_ToolMadeSet_MatchesTheFiles()
    {
        var set = await CreateAsync();

        Assert.Equal(SliceSize, set.SliceSize);
        Assert.Equal(8, set.RecoverySliceCount);
        Assert.Contains("par2cmdline", set.Creator, StringComparison.OrdinalIgnoreCase);
        Assert.True(set.Packets.Duplicate > 0, "critical packets are repeated in every volume");
        Assert.Equal(0, set.Packets.Damaged);
        var byName = set.Files.ToDictionary(f => f.Description.Name);
        Assert.Equal(["a.bin", "b.bin"], byName.Keys.Order());
        Assert.Equal(MD5.HashData(_a), Bytes(byName["a.bin"].Description.Md5));
        Assert.Equal(50_001, byName["b.bin"].Description.Length);
        Assert.Equal(25, byName["a.bin"].Slices!.Count);
        Assert.Equal(13, byName["b.bin"].Slices!.Count);
    }

    [Par2Fact]
    public async Task Verify_ToolMadeSet_IntactFilesOk()
    {
        var set = await CreateAsync();
        var result = await Par2Verifier.VerifyAsync(set, _dir.Path);
        Assert.True(result.AllOk);
    }

    [Par2Fact]
    public async Task Verify_OneCorruptByte_ExactlyThatSlice()
    {
        var set = await CreateAsync();
        await Corrupt("a.bin", 50_000);
        await Corrupt("b.bin", 50_000); // inside b's short last slice (index 12)

        var result = await Par2Verifier.VerifyAsync(set, _dir.Path);
        var a = result.Files.Single(f => f.Name == "a.bin");
        var b = result.Files.Single(f => f.Name == "b.bin");
        Assert.Equal(Par2FileStatus.Damaged, a.Status);
        Assert.Equal([50_000L / SliceSize], a.DamagedSlices);
        Assert.Equal([12L], b.DamagedSlices);
        Assert.True(result.RepairLikelyPossible);
    }

    [Par2Fact]
    public async Task Verify_TruncatedDeletedRenamed_Reported()
    {
        var set = await CreateAsync();
        await File.WriteAllBytesAsync(_dir["b.bin"], _b[..30_000]);
        File.Move(_dir["a.bin"], _dir["a.renamed"]);

        var result = await Par2Verifier.VerifyAsync(set, _dir.Path);
        var a = result.Files.Single(f => f.Name == "a.bin");
        var b = result.Files.Single(f => f.Name == "b.bin");
        Assert.Equal(Par2FileStatus.Missing, a.Status);
        Assert.Equal("a.renamed", a.FoundAs);
        Assert.Equal(25, a.DamagedSlices.Count);
        Assert.Equal(Par2FileStatus.WrongSize, b.Status);
        Assert.Equal([7L, 8, 9, 10, 11, 12], b.DamagedSlices);
        Assert.False(result.RepairLikelyPossible); // 31 slices needed, 8 available
    }

    [Par2Fact]
    public async Task Repair_CorruptFile_RestoredByTool()
    {
        await CreateAsync();
        await Corrupt("a.bin", 12_345);
        await Corrupt("b.bin", 0);

        var result = await new Par2Repairer().RepairAsync(_dir.Path, "set.par2");

        Assert.Equal(Par2RepairStatus.Repaired, result.Status);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(_a, await File.ReadAllBytesAsync(_dir["a.bin"]));
        Assert.Equal(_b, await File.ReadAllBytesAsync(_dir["b.bin"]));
        var set = await Par2Reader.ReadSetAsync(_dir["set.par2"]);
        Assert.True((await Par2Verifier.VerifyAsync(set, _dir.Path)).AllOk);
    }

    [Par2Fact]
    public async Task Repair_RenamedFileGivenAsExtra_Restored()
    {
        await CreateAsync(recoveryBlocks: 1);
        File.Move(_dir["a.bin"], _dir["a.renamed"]);

        var without = await new Par2Repairer().RepairAsync(_dir.Path, "set.par2");
        Assert.Equal(Par2RepairStatus.NotRepairable, without.Status);

        var with = await new Par2Repairer().RepairAsync(_dir.Path, _dir["set.par2"], new Par2RepairOptions { ExtraFiles = ["a.renamed"] });
        Assert.True(with.Succeeded, string.Join("\n", with.Output));
        Assert.Equal(_a, await File.ReadAllBytesAsync(_dir["a.bin"]));
    }

    [Par2Fact]
    public async Task Repair_IntactSet_AlreadyOk()
    {
        await CreateAsync();
        var result = await new Par2Repairer().RepairAsync(_dir.Path, "set.par2");
        Assert.Equal(Par2RepairStatus.AlreadyOk, result.Status);
    }

    [Par2Fact]
    public async Task Repair_TooMuchDamage_NotRepairable()
    {
        await CreateAsync(recoveryBlocks: 2);
        File.Delete(_dir["a.bin"]);
        var result = await new Par2Repairer().RepairAsync(_dir.Path, "set.par2");
        Assert.Equal(Par2RepairStatus.NotRepairable, result.Status);
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(_dir["a.bin"]));
    }

    [Par2Fact]
    public async Task Repair_HostileFileNamedLikeAnOption_TreatedAsFile()
    {
        await CreateAsync();
        // Every volume renamed, so a repair is only possible if "-h.par2" is read as a file name.
        foreach (var volume in Directory.GetFiles(_dir.Path, "set.*par2"))
            File.Move(volume, _dir["-h" + Path.GetFileName(volume)[3..]]);
        await Corrupt("a.bin", 1);
        var result = await new Par2Repairer().RepairAsync(_dir.Path, "-h.par2");
        Assert.Equal(Par2RepairStatus.Repaired, result.Status);
        Assert.Equal(_a, await File.ReadAllBytesAsync(_dir["a.bin"]));
    }

    private async Task Corrupt(string name, int offset)
    {
        var bytes = await File.ReadAllBytesAsync(_dir[name]);
        bytes[offset] ^= 0xFF;
        await File.WriteAllBytesAsync(_dir[name], bytes);
    }

    private static byte[] Bytes(Par2Hash hash)
    {
        var bytes = new byte[16];
        hash.WriteTo(bytes);
        return bytes;
    }
}
