using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Inet.Codecs;
using Crc = System.IO.Hashing.Crc32;

namespace Inet.Tests.Codecs;

public sealed class MultipartAssemblerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-assembler-").FullName;
    private readonly byte[] _data = RandomBytes(10_000, seed: 1);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static uint CrcOf(ReadOnlySpan<byte> data) => Crc.HashToUInt32(data);

    // Writes part n (1-based) of the test data split into parts of partSize, in chunks of 333 bytes.
    private void WritePart(MultipartAssembler assembler, int n, int partSize, bool corrupt = false)
    {
        var offset = (n - 1) * partSize;
        var length = Math.Min(partSize, _data.Length - offset);
        var slice = _data.AsSpan(offset, length).ToArray();
        var announced = CrcOf(slice);
        if (corrupt)
            slice[length / 2] ^= 0x55;
        using var writer = assembler.BeginPart(n, offset, length);
        for (var i = 0; i < length; i += 333)
            writer.Write(slice.AsSpan(i, Math.Min(333, length - i)));
        writer.Complete(announced);
    }

    private MultipartAssemblerOptions Announced(int parts) =>
        new() { ExpectedSize = _data.Length, ExpectedPartCount = parts, ExpectedCrc32 = CrcOf(_data) };

    [Fact]
    public void Finish_AllPartsOutOfOrder_MovesVerifiedFileIntoPlace()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        foreach (var n in new[] { 3, 1, 4, 2 })
            WritePart(assembler, n, 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(Path.Combine(_dir, "data.bin"), result.Path);
        Assert.Equal(_data, File.ReadAllBytes(result.Path!));
        Assert.Equal(CrcOf(_data), result.Crc32);
        Assert.Equal(_data.Length, result.Size);
        Assert.Equal([1, 2, 3, 4], result.PartsFound);
        Assert.Empty(result.PartsMissing);
        Assert.False(File.Exists(assembler.TempPath));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Property(MaxTest = 60)]
    public Property AnyOrderAnyChunking_MissingPartsReportedExactly() =>
        Prop.ForAll(
            Gen.Choose(1, 12).ToArbitrary(),
            ArbMap.Default.GeneratorFor<int>().ToArbitrary(),
            (parts, seed) =>
            {
                var random = new Random(seed);
                var partSize = (_data.Length + parts - 1) / parts;
                var count = (_data.Length + partSize - 1) / partSize;
                var skipped = Enumerable.Range(1, count).Where(_ => random.Next(4) == 0).ToArray();
                var dir = Directory.CreateTempSubdirectory("inet-assembler-prop-").FullName;
                try
                {
                    using var assembler = new MultipartAssembler(dir, "p.bin", Announced(count));
                    foreach (var n in Enumerable.Range(1, count).Except(skipped).OrderBy(_ => random.Next()))
                    {
                        var offset = (n - 1) * partSize;
                        var length = Math.Min(partSize, _data.Length - offset);
                        using var writer = assembler.BeginPart(n, offset, length);
                        for (var i = 0; i < length;)
                        {
                            var chunk = Math.Min(random.Next(1, 2000), length - i);
                            writer.Write(_data.AsSpan(offset + i, chunk));
                            i += chunk;
                        }
                        writer.Complete(CrcOf(_data.AsSpan(offset, length)));
                    }
                    var result = assembler.Finish();
                    var missingBytes = result.MissingRanges.Sum(r => r.Length);
                    var expectedMissingBytes = skipped.Sum(n => Math.Min(partSize, _data.Length - ((n - 1) * partSize)));
                    return result.PartsMissing.SequenceEqual(skipped)
                        && missingBytes == expectedMissingBytes
                        && (skipped.Length == 0
                            ? result.IsOk && File.ReadAllBytes(result.Path!).AsSpan().SequenceEqual(_data)
                            : result.Status == AssemblyStatus.Incomplete);
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            });

    [Fact]
    public void TempFile_IsHiddenAndInsideTheFolder()
    {
        using var assembler = new MultipartAssembler(_dir, "../../x/movie.mkv");
        Assert.Equal("movie.mkv", assembler.FileName);
        Assert.Equal(Path.Combine(_dir, ".movie.mkv.inet-part"), assembler.TempPath);
        Assert.True(File.Exists(assembler.TempPath));
    }

    [Fact]
    public void Finish_MissingPart_ReportsPartNumberAndByteRange()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        foreach (var n in new[] { 1, 3, 4 })
            WritePart(assembler, n, 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal([2], result.PartsMissing);
        Assert.Equal([new ByteRange(3000, 3000)], result.MissingRanges);
        Assert.Null(result.Crc32);
        Assert.Equal(Path.Combine(_dir, "data.bin.incomplete"), result.Path);
        Assert.False(File.Exists(Path.Combine(_dir, "data.bin")));
    }

    [Fact]
    public void Finish_MissingLastBytesWithoutPartCount_ReportsTailGap()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", new() { ExpectedSize = _data.Length });
        WritePart(assembler, 1, 3000);
        WritePart(assembler, 2, 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal([new ByteRange(6000, 4000)], result.MissingRanges);
        Assert.Equal(_data.Length, new FileInfo(result.Path!).Length);
    }

    [Fact]
    public void Finish_PartCrcMismatch_KeepsFileAsDamaged()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        WritePart(assembler, 1, 3000);
        WritePart(assembler, 2, 3000, corrupt: true);
        WritePart(assembler, 3, 3000);
        WritePart(assembler, 4, 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.CrcMismatch, result.Status);
        Assert.Equal([2], result.PartsDamaged);
        Assert.Equal(Path.Combine(_dir, "data.bin.damaged"), result.Path);
        Assert.Equal(_data.Length, new FileInfo(result.Path!).Length);
        Assert.False(File.Exists(Path.Combine(_dir, "data.bin")));
    }

    [Fact]
    public void Finish_WholeFileCrcMismatch_IsDamaged()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4) with { ExpectedCrc32 = CrcOf(_data) ^ 1 });
        for (var n = 1; n <= 4; n++)
            WritePart(assembler, n, 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.CrcMismatch, result.Status);
        Assert.Empty(result.PartsDamaged);
        Assert.Equal(CrcOf(_data), result.Crc32);
    }

    [Fact]
    public void Complete_DecoderCrcDiffersFromWrittenBytes_IsMismatch()
    {
        using var assembler = new MultipartAssembler(_dir, "a.bin");
        using var writer = assembler.BeginPart(1, 0, 4);
        writer.Write([1, 2, 3, 4]);
        Assert.Equal(PartStatus.CrcMismatch, writer.Complete(crc32: 12345, crcOk: true));
        Assert.Equal(AssemblyStatus.CrcMismatch, assembler.Finish().Status);
    }

    [Fact]
    public void Complete_DecoderReportsCrcFailure_IsMismatch()
    {
        using var assembler = new MultipartAssembler(_dir, "a.bin");
        using var writer = assembler.BeginPart(1, 0, 4);
        writer.Write([1, 2, 3, 4]);
        Assert.Equal(PartStatus.CrcMismatch, writer.Complete(CrcOf([1, 2, 3, 4]), crcOk: false));
    }

    [Fact]
    public void Write_PastAnnouncedLength_IsClampedAndSizeMismatch()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", new() { ExpectedPartCount = 2 });
        using (var first = assembler.BeginPart(1, 0, 10))
        {
            first.Write(new byte[15]);
            Assert.Equal(15, first.BytesReceived);
            Assert.Equal(PartStatus.SizeMismatch, first.Complete());
        }
        using (var second = assembler.BeginPart(2, 10, 5))
        {
            second.Write([9, 9, 9, 9, 9]);
            Assert.Equal(PartStatus.Ok, second.Complete());
        }
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.SizeMismatch, result.Status);
        Assert.Equal([1], result.PartsDamaged);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9], File.ReadAllBytes(result.Path!));
    }

    [Fact]
    public void BeginPart_Duplicate_IsDiscardedAndReported()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        for (var n = 1; n <= 4; n++)
            WritePart(assembler, n, 3000);
        using (var again = assembler.BeginPart(2, 3000, 3000))
        {
            Assert.True(again.IsDiscarding);
            again.Write(new byte[3000]);
            Assert.Equal(PartStatus.Rejected, again.Complete());
        }
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(_data, File.ReadAllBytes(result.Path!));
        Assert.Equal([new PartConflict(PartConflictKind.Duplicate, 2, new ByteRange(3000, 3000), null)], result.Conflicts);
    }

    [Fact]
    public void BeginPart_WhileSamePartIsOpen_IsDuplicate()
    {
        using var assembler = new MultipartAssembler(_dir, "a.bin");
        using var first = assembler.BeginPart(1, 0, 10);
        using var second = assembler.BeginPart(1, 0, 10);
        Assert.False(first.IsDiscarding);
        Assert.True(second.IsDiscarding);
    }

    [Fact]
    public void BeginPart_Overlapping_ReportsBothPartsAndRange()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        WritePart(assembler, 1, 3000);
        using var overlapping = assembler.BeginPart(2, 2500, 3000);
        Assert.True(overlapping.IsDiscarding);
        overlapping.Write(new byte[3000]);
        overlapping.Complete();

        var conflict = Assert.Single(assembler.Inspect().Conflicts);
        Assert.Equal(new PartConflict(PartConflictKind.Overlap, 2, new ByteRange(2500, 3000), 1), conflict);
        Assert.Equal(_data.AsSpan(0, 3000).ToArray(), File.ReadAllBytes(assembler.TempPath).AsSpan(0, 3000).ToArray());
    }

    [Fact]
    public void BeginPart_UnknownLengthInsideWrittenPart_IsOverlap()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin");
        WritePart(assembler, 1, 3000);
        using var unknown = assembler.BeginPart(2, 1500);
        Assert.True(unknown.IsDiscarding);
        Assert.Equal(1, Assert.Single(assembler.Inspect().Conflicts).OtherPartNumber);
    }

    [Fact]
    public void BeginPart_AfterOpenPartOfUnknownLength_IsOverlap()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin");
        using var open = assembler.BeginPart(1, 0);
        using var later = assembler.BeginPart(2, 5000, 100);
        Assert.True(later.IsDiscarding);
        Assert.Equal(PartConflictKind.Overlap, Assert.Single(assembler.Inspect().Conflicts).Kind);
    }

    [Theory]
    [InlineData(5, 0, 10)]      // part number past total
    [InlineData(1, 9995, 10)]   // bytes past size
    public void BeginPart_OutOfRange_IsRefused(int part, long offset, long length)
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        using var writer = assembler.BeginPart(part, offset, length);
        Assert.True(writer.IsDiscarding);
        Assert.Equal(PartConflictKind.OutOfRange, Assert.Single(assembler.Inspect().Conflicts).Kind);
    }

    [Fact]
    public void BeginPart_AfterCrcFailure_ReplacesDamagedPart()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        for (var n = 1; n <= 4; n++)
            WritePart(assembler, n, 3000, corrupt: n == 3);
        Assert.Equal([3], assembler.Inspect().PartsDamaged);
        WritePart(assembler, 3, 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(_data, File.ReadAllBytes(result.Path!));
    }

    [Fact]
    public async Task Parts_WrittenConcurrently_AssembleCorrectly()
    {
        var data = RandomBytes(1 << 20, seed: 2);
        const int partSize = 40_000;
        var parts = (data.Length + partSize - 1) / partSize;
        using var assembler = new MultipartAssembler(_dir, "big.bin",
            new() { ExpectedSize = data.Length, ExpectedPartCount = parts, ExpectedCrc32 = CrcOf(data) });

        await Parallel.ForAsync(1, parts + 1, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            var offset = (n - 1) * partSize;
            var length = Math.Min(partSize, data.Length - offset);
            using var writer = assembler.BeginPart(n, offset, length);
            for (var i = 0; i < length; i += 1000)
            {
                var chunk = data.AsMemory(offset + i, Math.Min(1000, length - i));
                if (n % 2 == 0)
                    await writer.WriteAsync(chunk, ct);
                else
                    writer.Write(chunk.Span);
            }
            writer.Complete(CrcOf(data.AsSpan(offset, length)));
        });
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(parts, result.PartsFound.Count);
        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path!));
    }

    [Fact]
    public void Finish_WithOpenPart_CountsItMissingAndStopsLaterWrites()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", Announced(4));
        for (var n = 1; n <= 3; n++)
            WritePart(assembler, n, 3000);
        var open = assembler.BeginPart(4, 9000, 1000);
        open.Write(_data.AsSpan(9000, 500));
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal([4], result.PartsMissing);
        Assert.Throws<ObjectDisposedException>(() => open.Write(_data.AsSpan(9500, 500)));
        Assert.Equal(PartStatus.Abandoned, open.Complete());
    }

    [Fact]
    public void Dispose_WithoutFinish_DeletesTempFile()
    {
        string temp;
        using (var assembler = new MultipartAssembler(_dir, "data.bin"))
        {
            temp = assembler.TempPath;
            WritePart(assembler, 1, 3000);
        }
        Assert.False(File.Exists(temp));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Finish_NameTaken_PicksNumberedName()
    {
        File.WriteAllText(Path.Combine(_dir, "data.bin"), "older");
        using var assembler = new MultipartAssembler(_dir, "data.bin");
        WritePart(assembler, 1, _data.Length);
        var result = assembler.Finish();

        Assert.Equal(Path.Combine(_dir, "data (1).bin"), result.Path);
        Assert.Equal("older", File.ReadAllText(Path.Combine(_dir, "data.bin")));
    }

    [Fact]
    public void Finish_OverwriteExisting_ReplacesFile()
    {
        File.WriteAllText(Path.Combine(_dir, "data.bin"), "older");
        using var assembler = new MultipartAssembler(_dir, "data.bin", new() { OverwriteExisting = true });
        WritePart(assembler, 1, _data.Length);
        var result = assembler.Finish();

        Assert.Equal(Path.Combine(_dir, "data.bin"), result.Path);
        Assert.Equal(_data, File.ReadAllBytes(result.Path!));
    }

    [Fact]
    public void TwoAssemblers_SameName_UseDifferentTempFiles()
    {
        using var first = new MultipartAssembler(_dir, "same.bin");
        using var second = new MultipartAssembler(_dir, "same.bin");
        Assert.NotEqual(first.TempPath, second.TempPath);
    }

    [Fact]
    public void Finish_NoPartsAtAll_IsIncompleteAndLeavesNothing()
    {
        using var assembler = new MultipartAssembler(_dir, "data.bin", new() { ExpectedPartCount = 2 });
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal([1, 2], result.PartsMissing);
        Assert.Null(result.Path);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Finish_SinglePartOfUnknownLength_IsOk()
    {
        using var assembler = new MultipartAssembler(_dir, "uu.txt");
        using (var writer = assembler.BeginPart(1, 0))
        {
            writer.Write("hello "u8);
            writer.Write("world"u8);
            writer.Complete();
        }
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(11, result.Size);
        Assert.Equal(CrcOf("hello world"u8), result.Crc32);
    }
}
