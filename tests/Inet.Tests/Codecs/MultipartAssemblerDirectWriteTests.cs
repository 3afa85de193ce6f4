using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Inet.Codecs;
using Crc = System.IO.Hashing.Crc32;

namespace Inet.Tests.Codecs;

/// <summary>
/// Direct (page-cache-free) writes: parts are staged and written in whole aligned blocks, their shared edge blocks
/// through the cache. Whatever the offsets, sizes, order and chunking, the file must come out byte for byte.
/// </summary>
public sealed class MultipartAssemblerDirectWriteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-direct-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static MultipartAssemblerOptions Direct(byte[] data, int parts) => new()
    {
        ExpectedSize = data.Length,
        ExpectedPartCount = parts,
        ExpectedCrc32 = Crc.HashToUInt32(data),
        Preallocate = true,
        DirectWrites = true,
    };

    private static List<(int Number, int Offset, int Length)> Split(int total, int partSize)
    {
        var parts = new List<(int, int, int)>();
        for (int offset = 0, n = 1; offset < total; offset += partSize, n++)
            parts.Add((n, offset, Math.Min(partSize, total - offset)));
        return parts;
    }

    private static async Task WritePartAsync(MultipartAssembler assembler, byte[] data, (int Number, int Offset, int Length) part, int chunk)
    {
        using var writer = assembler.BeginPart(part.Number, part.Offset, part.Length);
        writer.DecoderComputesCrc = true;
        var bytes = data.AsMemory(part.Offset, part.Length);
        for (var i = 0; i < bytes.Length; i += chunk)
            await writer.WriteAsync(bytes.Slice(i, Math.Min(chunk, bytes.Length - i)));
        Assert.Equal(PartStatus.Ok, writer.Complete(Crc.HashToUInt32(bytes.Span), crcOk: true));
    }

    [Property(MaxTest = 40)]
    public void AnySplit_WrittenConcurrently_GivesTheExactFile(PositiveInt lengthSeed, PositiveInt partSeed, PositiveInt chunkSeed, int seed)
    {
        // Lengths from a few bytes to past two stage buffers; part sizes both aligned and not, smaller and larger than a block.
        // At most 400 parts: tiny parts get a shorter file rather than being dropped.
        int[] partSizes = [1, 100, 4095, 4096, 4097, 12_288, 100_003, 768_000, DirectPartStage.StageSize, DirectPartStage.StageSize + 4097];
        var partSize = partSizes[partSeed.Get % partSizes.Length];
        var length = 1 + lengthSeed.Get % Math.Min(2 * DirectPartStage.StageSize + 50_000, 400 * partSize);
        var chunk = 1 + chunkSeed.Get % 70_000;
        var data = RandomBytes(length, seed);
        var parts = Split(length, partSize);
        Assert.InRange(parts.Count, 1, 400);
        var order = parts.OrderBy(_ => new Random(seed).Next()).ToList();
        var directory = Directory.CreateDirectory(Path.Combine(_dir, Guid.NewGuid().ToString("N"))).FullName;

        using var assembler = new MultipartAssembler(directory, "data.bin", Direct(data, parts.Count));
        if (DirectWritesSupport.WorkIn(directory))
            Assert.True(assembler.WritesDirect); // elsewhere the assembler falls back at its first write (tested below)
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            part => WritePartAsync(assembler, data, part, chunk).GetAwaiter().GetResult());
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(data, File.ReadAllBytes(result.Path!));
    }

    // A fact running the property itself: a skipped [Property] vanishes from the test run's counts.
    [DirectWritesFact]
    public void StagingWriter_DecoderSizedSteps_GiveTheExactFile() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), Prop.ForAll<PositiveInt, PositiveInt, int>(DecoderSizedSteps_GiveTheExactFile));

    private void DecoderSizedSteps_GiveTheExactFile(PositiveInt lengthSeed, PositiveInt stepSeed, int seed)
    {
        // Two parts with a boundary inside a block; each written as a decoder does: ask for room, fill part of it.
        var length = 2 + lengthSeed.Get % (3 * DirectPartStage.StageSize);
        var data = RandomBytes(length, seed);
        var split = 1 + (int)((uint)seed % (uint)(length - 1));
        var random = new Random(stepSeed.Get);
        using var assembler = new MultipartAssembler(_dir, $"steps-{Guid.NewGuid():N}.bin", Direct(data, 2));
        foreach (var (n, offset, len) in new[] { (2, split, length - split), (1, 0, split) })
        {
            using var writer = assembler.BeginPart(n, offset, len);
            writer.DecoderComputesCrc = true;
            var staging = writer.StagingWriter;
            Assert.NotNull(staging);
            for (var done = 0; done < len;)
            {
                var hint = 1 + random.Next(70_000);
                var span = staging.GetSpan(hint);
                Assert.True(span.Length >= hint);
                var count = Math.Min(random.Next(hint + 1), len - done);
                data.AsSpan(offset + done, count).CopyTo(span);
                staging.Advance(count);
                done += count;
            }
            Assert.Equal(PartStatus.Ok, writer.Complete(Crc.HashToUInt32(data.AsSpan(offset, len)), crcOk: true));
        }
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(data, File.ReadAllBytes(result.Path!));
    }

    [DirectWritesFact]
    public void StagingWriter_BytesPastThePartEnd_AreDroppedAndMakeASizeMismatch()
    {
        var data = RandomBytes(20_000, seed: 8);
        using var assembler = new MultipartAssembler(_dir, "over.bin", Direct(data, 2));
        using (var writer = assembler.BeginPart(1, 0, 10_000))
        {
            writer.DecoderComputesCrc = true;
            var staging = writer.StagingWriter!;
            var span = staging.GetSpan(12_000);
            data.AsSpan(0, 12_000).CopyTo(span);
            staging.Advance(12_000);
            Assert.Equal(12_000, writer.BytesReceived);
            Assert.Equal(PartStatus.SizeMismatch, writer.Complete(Crc.HashToUInt32(data.AsSpan(0, 12_000)), crcOk: true));
        }
        using (var writer = assembler.BeginPart(2, 10_000, 10_000))
        {
            writer.Write(data.AsSpan(10_000));
            Assert.Equal(PartStatus.Ok, writer.Complete(Crc.HashToUInt32(data.AsSpan(10_000))));
        }
        var result = assembler.Finish();

        Assert.NotEqual(AssemblyStatus.Ok, result.Status);
        Assert.Equal(data.AsSpan(10_000).ToArray(), File.ReadAllBytes(result.Path!).AsSpan(10_000).ToArray()); // part 2 untouched
    }

    [Fact]
    public void SynchronousWrites_PartLargerThanTheStage_AreFlushedOnComplete()
    {
        var data = RandomBytes(3 * DirectPartStage.StageSize + 777, seed: 7);
        using var assembler = new MultipartAssembler(_dir, "big.bin", Direct(data, 2));
        var half = data.Length / 2 + 5; // both parts cross several stage fills, the boundary is mid-block
        foreach (var (n, offset, len) in new[] { (2, half, data.Length - half), (1, 0, half) })
        {
            using var writer = assembler.BeginPart(n, offset, len);
            for (var i = 0; i < len; i += 65_536)
                writer.Write(data.AsSpan(offset + i, Math.Min(65_536, len - i)));
            Assert.Equal(PartStatus.Ok, writer.Complete(Crc.HashToUInt32(data.AsSpan(offset, len))));
        }
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(data, File.ReadAllBytes(result.Path!));
    }

    [Fact]
    public async Task AbandonedPart_IsMissing_AndItsNeighboursAreIntact()
    {
        var data = RandomBytes(30_000, seed: 3);
        using var assembler = new MultipartAssembler(_dir, "gap.bin", Direct(data, 3));
        await WritePartAsync(assembler, data, (1, 0, 10_000), 3000);
        using (var writer = assembler.BeginPart(2, 10_000, 10_000))
            writer.Write(data.AsSpan(10_000, 5000)); // disposed before it ends
        await WritePartAsync(assembler, data, (3, 20_000, 10_000), 3000);
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal([2], result.PartsMissing);
        var kept = File.ReadAllBytes(result.Path!);
        Assert.Equal(data.AsSpan(0, 10_000).ToArray(), kept.AsSpan(0, 10_000).ToArray());
        Assert.Equal(data.AsSpan(20_000).ToArray(), kept.AsSpan(20_000).ToArray());
    }

    [Fact]
    public async Task TruncatedPart_KeepsTheBytesThatArrived()
    {
        var data = RandomBytes(20_000, seed: 4);
        using var assembler = new MultipartAssembler(_dir, "cut.bin", Direct(data, 2));
        await WritePartAsync(assembler, data, (2, 10_000, 10_000), 4096);
        using (var writer = assembler.BeginPart(1, 0, 10_000))
        {
            writer.DecoderComputesCrc = true;
            writer.Write(data.AsSpan(0, 9000));
            Assert.Equal(PartStatus.Truncated, writer.CompleteTruncated(Crc.HashToUInt32(data.AsSpan(0, 9000))));
        }
        var result = assembler.Finish();

        Assert.NotEqual(AssemblyStatus.Ok, result.Status);
        var kept = File.ReadAllBytes(result.Path!);
        Assert.Equal(data.AsSpan(0, 9000).ToArray(), kept.AsSpan(0, 9000).ToArray());
        Assert.Equal(data.AsSpan(10_000).ToArray(), kept.AsSpan(10_000).ToArray());
    }

    [Fact]
    public void DecoderCrc_DoesNotMatchTheAnnouncedOne_IsACrcMismatch()
    {
        var data = RandomBytes(9000, seed: 5);
        using var assembler = new MultipartAssembler(_dir, "bad.bin", Direct(data, 1));
        using (var writer = assembler.BeginPart(1, 0, data.Length))
        {
            writer.DecoderComputesCrc = true;
            writer.Write(data);
            Assert.Equal(PartStatus.CrcMismatch, writer.Complete(Crc.HashToUInt32(data), crcOk: false));
            Assert.Throws<ObjectDisposedException>(() => writer.Write(data));
        }
        Assert.Equal(AssemblyStatus.CrcMismatch, assembler.Finish().Status);
    }

    [Fact]
    public void DecoderComputesCrc_TheWriterCannotBeEndedWithoutIt()
    {
        using var assembler = new MultipartAssembler(_dir, "x.bin", new MultipartAssemblerOptions { DirectWrites = true });
        using var writer = assembler.BeginPart(1, 0, 10);
        writer.DecoderComputesCrc = true;
        writer.Write(new byte[10]);
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
    }

    [DirectWritesFact]
    public void DirectWriteRefused_FallsBackToCachedWrites()
    {
        var data = RandomBytes(10_000, seed: 6);
        using var assembler = new MultipartAssembler(_dir, "fallback.bin", Direct(data, 1));
        Assert.True(assembler.WritesDirect);
        // A misaligned offset is refused by O_DIRECT (EINVAL): the bytes must land anyway, through the cache.
        assembler.WriteDirectAt(data.AsSpan(1, 4096), 1);
        Assert.False(assembler.WritesDirect);
        using (var writer = assembler.BeginPart(1, 0, data.Length))
        {
            writer.Write(data);
            Assert.Equal(PartStatus.Ok, writer.Complete(Crc.HashToUInt32(data)));
        }
        var result = assembler.Finish();

        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(data, File.ReadAllBytes(result.Path!));
    }
}
