using Inet.Codecs;
using Crc = System.IO.Hashing.Crc32;

namespace Inet.Tests.Codecs;

public sealed class MultipartAssemblerResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-resume-").FullName;
    private readonly byte[] _data = new byte[10_000];

    public MultipartAssemblerResumeTests() => new Random(7).NextBytes(_data);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MultipartAssemblerOptions Options => new() { ExpectedSize = _data.Length, ExpectedPartCount = 4, Preallocate = true };

    private PartStatus WritePart(MultipartAssembler assembler, int n)
    {
        var offset = (n - 1) * 3000;
        var slice = _data.AsSpan(offset, Math.Min(3000, _data.Length - offset));
        using var writer = assembler.BeginPart(n, offset, slice.Length);
        writer.Write(slice);
        return writer.Complete(Crc.HashToUInt32(slice));
    }

    [Fact]
    public void Preallocate_TempFileHasAnnouncedSizeBeforeAnyPart()
    {
        using var assembler = new MultipartAssembler(_dir, "big.bin", Options);
        Assert.Equal(_data.Length, new FileInfo(assembler.TempPath).Length);
    }

    [Fact]
    public void DetachThenResume_RemainingPartsComplete_ByteIdentical()
    {
        var first = new MultipartAssembler(_dir, "data.bin", Options);
        WritePart(first, 3);
        WritePart(first, 1);
        var done = first.Inspect().Parts;
        var leaf = Path.GetFileName(first.TempPath);
        first.Detach();
        first.Dispose();
        Assert.True(File.Exists(Path.Combine(_dir, leaf)), "Detach must keep the temp file");

        using var second = MultipartAssembler.Resume(_dir, "data.bin", leaf, Options, done);
        Assert.Equal(PartStatus.Rejected, WritePart(second, 1)); // already there: a duplicate
        WritePart(second, 2);
        WritePart(second, 4);
        var result = second.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(_data, File.ReadAllBytes(Path.Combine(_dir, "data.bin")));
        Assert.Equal([1, 2, 3, 4], result.PartsFound);
    }

    [Fact]
    public void Resume_WithoutAllParts_FinishesIncomplete()
    {
        var first = new MultipartAssembler(_dir, "gap.bin", Options);
        WritePart(first, 2);
        var done = first.Inspect().Parts;
        var leaf = Path.GetFileName(first.TempPath);
        first.Detach();

        using var second = MultipartAssembler.Resume(_dir, "gap.bin", leaf, Options, done);
        var result = second.Finish();

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal([1, 3, 4], result.PartsMissing);
    }

    [Theory]
    [InlineData("../.x.inet-part")]
    [InlineData("x.bin")]
    [InlineData(".x.inet-part/../../y")]
    [InlineData(".inet-part")]
    public void Resume_TempNameNotAPlainTempLeaf_Refused(string leaf)
    {
        Assert.Throws<ArgumentException>(() => MultipartAssembler.Resume(_dir, "x.bin", leaf, Options, []));
    }

    [Fact]
    public void Resume_TempIsSymlink_Refused()
    {
        var target = Path.Combine(_dir, "elsewhere");
        File.WriteAllBytes(target, _data);
        File.CreateSymbolicLink(Path.Combine(_dir, ".x.bin.inet-part"), target);

        Assert.Throws<IOException>(() => MultipartAssembler.Resume(_dir, "x.bin", ".x.bin.inet-part", Options, []));
    }
}
