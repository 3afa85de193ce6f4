using Inet.Codecs.Yenc;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

/// <summary>The pieces of the 128/256-bit encode kernel: its tables, its one block, and its line ends.</summary>
public class YencEncodeKernelTests
{
    private static IEnumerable<YencSimdPath> SimdPaths => YencSimd.Supported().Where(p => p != YencSimdPath.Scalar);

    private static bool AlwaysEscaped(byte input) => (byte)(input + 42) is 0 or (byte)'\n' or (byte)'\r' or (byte)'=';

    private static bool EscapedAtLineStart(byte input) => AlwaysEscaped(input) || (byte)(input + 42) is (byte)'\t' or (byte)' ' or (byte)'.';

    private static byte[] EncodeWithoutLines(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>();
        foreach (var b in input)
        {
            var c = (byte)(b + 42);
            if (AlwaysEscaped(b))
                output.AddRange([(byte)'=', (byte)(c + 64)]);
            else
                output.Add(c);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Runs the block of the given width: classifies it and stores its 16-byte pieces one after another, the first
    /// from its output byte <paramref name="skip"/> on; the output buffer has room for any block.
    /// </summary>
    private static unsafe uint EncodeBlock(int width, byte[] input, byte[] output, int lineStart, int skip = 0)
    {
        var table = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref YencExpandTable.Start);
        // A step is two blocks: the block, then a copy of it, which is classified inside a line.
        var step = new byte[2 * width];
        input.CopyTo(step, 0);
        input.CopyTo(step, width);
        fixed (byte* src = step)
        fixed (byte* dst = output)
        {
            uint mask, second;
            var start = lineStart != 0;
            if (width == 32)
                YencEncodeBlock256.ClassifyStep(src, start, out mask, out second);
            else
                YencEncodeBlock128.ClassifyStep(src, start, out mask, out second);
            Assert.Equal(mask & ~1u, second & ~1u);
            if (!start)
                Assert.Equal(mask, second);
            var at = 0;
            for (var piece = 0; piece < width / 16; piece++)
            {
                var pieceMask = (mask >> (16 * piece)) & 0xFFFF;
                var from = piece == 0 ? skip : 0;
                if (width == 32)
                    YencEncodeBlock256.StorePiece(src + 16 * piece, dst + at, table, pieceMask, from);
                else
                    YencEncodeBlock128.StorePiece(src + 16 * piece, dst + at, table, pieceMask, from);
                at += 16 + System.Numerics.BitOperations.PopCount(pieceMask) - from;
            }
            return mask;
        }
    }

    /// <summary>The block widths this CPU runs (the 512-bit path has its own kernel).</summary>
    private static IEnumerable<int> BlockWidths()
    {
        if (YencSimd.IsSupported(YencSimdPath.Vector128))
            yield return 16;
        if (YencSimd.IsSupported(YencSimdPath.Vector256))
            yield return 32;
    }

    [Fact]
    public void Block_ClassifiesEveryByte_WithAndWithoutLineStart()
    {
        foreach (var width in BlockWidths())
        {
            for (var b = 0; b < 256; b++)
            {
                var input = Enumerable.Repeat((byte)b, width).ToArray();
                var output = new byte[2 * width + 32];
                var all = width == 32 ? uint.MaxValue : 0xFFFFu;
                var inside = AlwaysEscaped((byte)b) ? all : 0u;
                Assert.Equal(inside, EncodeBlock(width, input, output, 0));
                var first = EscapedAtLineStart((byte)b) ? 1u : 0u;
                Assert.Equal(inside | first, EncodeBlock(width, input, output, YencEncodeClasses.LineStart));
            }
        }
    }

    [Fact]
    public void Block_OutputIsEachByteEncoded_ForAnyNumberOfEscapes()
    {
        var rng = new Random(5);
        byte[] specials = [214, 224, 227, 19];
        foreach (var width in BlockWidths())
        {
            for (var trial = 0; trial < 3000; trial++)
            {
                // From no escape to every byte escaped.
                var density = trial % (width + 1);
                var input = new byte[width];
                for (var k = 0; k < width; k++)
                    input[k] = rng.Next(width) < density ? specials[rng.Next(4)] : (byte)rng.Next(256);
                var output = new byte[2 * width + 32];
                var mask = EncodeBlock(width, input, output, 0);
                var expected = EncodeWithoutLines(input);
                Assert.Equal(expected.Length, width + System.Numerics.BitOperations.PopCount(mask));
                Assert.Equal(expected, output[..expected.Length]);
            }
        }
    }

    [Fact]
    public void Block_StoredFromALaterOutputByte_GivesTheRestOfItsOutput()
    {
        // A line end stores the rest of a piece again from the byte after the cut.
        var rng = new Random(6);
        byte[] specials = [214, 224, 227, 19];
        foreach (var width in BlockWidths())
        {
            for (var trial = 0; trial < 2000; trial++)
            {
                var input = new byte[width];
                for (var k = 0; k < width; k++)
                    input[k] = rng.Next(8) == 0 ? specials[rng.Next(4)] : (byte)rng.Next(256);
                var expected = EncodeWithoutLines(input);
                var firstPieceLength = EncodeWithoutLines(input.AsSpan(0, 16)).Length;
                var skip = rng.Next(firstPieceLength + 1);
                var output = new byte[2 * width + 32];
                EncodeBlock(width, input, output, 0, skip);
                Assert.Equal(expected[skip..], output[..(expected.Length - skip)]);
            }
        }
    }

    [Fact]
    public void ExpandTable_EachEntrySpreadsSixteenBytes()
    {
        var table = new byte[(1 << 16) * YencExpandTable.EntrySize];
        YencExpandTable.Fill(table);
        for (var mask = 0; mask < 1 << 16; mask++)
        {
            var entry = table.AsSpan((int)YencExpandTable.Slot((uint)mask) * YencExpandTable.EntrySize, YencExpandTable.EntrySize);
            var add = entry[YencExpandTable.AddOffset..];
            var slot = 0;
            for (var b = 0; b < 16; b++)
            {
                var escaped = (mask & (1 << b)) != 0;
                if (escaped)
                {
                    Assert.Equal(YencExpandTable.EqualsSlot, entry[slot]);
                    Assert.Equal((byte)'=', add[slot++]);
                }
                Assert.Equal(b, entry[slot]);
                Assert.Equal(escaped ? 42 + 64 : 42, add[slot++]);
            }
        }
    }

    [Fact]
    public void ExpandTable_SlotsAreABijection()
    {
        var seen = new bool[1 << 16];
        for (var mask = 0u; mask < 1 << 16; mask++)
        {
            var slot = (int)YencExpandTable.Slot(mask);
            Assert.False(seen[slot]);
            seen[slot] = true;
        }
    }

    [Fact]
    public void ExpandTable_StartIsStableAndHoldsTheEntries()
    {
        ref var first = ref YencExpandTable.Start;
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref first, ref YencExpandTable.Start));
        // The entry for mask 1 escapes byte 0: '=' then byte 0, then bytes 1..
        var entry = (int)YencExpandTable.Slot(1) * YencExpandTable.EntrySize;
        Assert.Equal(YencExpandTable.EqualsSlot, System.Runtime.CompilerServices.Unsafe.Add(ref first, entry));
        Assert.Equal((byte)'=', System.Runtime.CompilerServices.Unsafe.Add(ref first, entry + YencExpandTable.AddOffset));
    }

    [Fact]
    public void LastWithCrLf_MatchesTheScalarLastByteOfALine()
    {
        for (var b = 0; b < 256; b++)
        {
            var expected = new byte[4];
            var column = 9;
            var o = 0;
            YencEncoderScalar.EncodeOne((byte)b, expected, 10, false, ref column, ref o);
            var value = YencLineEdges.LastWithCrLf[b];
            var length = 3 + (int)(value >> 27);
            Assert.Equal(o, length);
            Assert.Equal(expected[..o], BitConverter.GetBytes(value)[..length]);
        }
    }

    [Fact]
    public void Encode_EveryLineLengthUpTo300_SimdEqualsScalar()
    {
        // Random bytes, and bytes that are mostly critical, so escapes fall at every line end offset.
        var random = Random(300, 2500);
        var rng = new Random(301);
        byte[] critical = [214, 224, 227, 19, 223, 246, 4];
        var dense = new byte[2500];
        for (var k = 0; k < dense.Length; k++)
            dense[k] = rng.Next(3) == 0 ? critical[rng.Next(critical.Length)] : (byte)rng.Next(256);
        for (var lineLength = 1; lineLength <= 300; lineLength++)
        {
            foreach (var data in new[] { random, dense })
            {
                var expected = Encode(data, lineLength);
                foreach (var path in SimdPaths)
                    Assert.Equal(expected, Encode(data, lineLength, path));
            }
        }
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(100_000)]
    [InlineData(1 << 20)]
    public void Encode_LongLines_SimdEqualsScalar(int lineLength)
    {
        var data = Random(lineLength, 300_000);
        var expected = Encode(data, lineLength);
        var splits = Splits(lineLength, data.Length, 7);
        foreach (var path in SimdPaths)
        {
            Assert.Equal(expected, Encode(data, lineLength, path));
            Assert.Equal(expected, EncodeChunked(data, lineLength, splits, path));
        }
    }

    [Fact]
    public void Encode_ChunkedAtEveryLength_ShortLines_SimdEqualsScalar()
    {
        var data = SpecialDense(17, 600);
        foreach (var lineLength in new[] { 1, 2, 3, 31, 32, 33, 64, 65, 128 })
        {
            var expected = Encode(data, lineLength);
            foreach (var path in SimdPaths)
            {
                for (var split = 1; split < data.Length; split += 37)
                    Assert.Equal(expected, EncodeChunked(data, lineLength, [split, Math.Min(data.Length - 1, split + 100)], path));
            }
        }
    }
}
