using FsCheck;
using FsCheck.Xunit;
using Inet.Codecs.Yenc;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

/// <summary>Every SIMD path must match the scalar reference byte for byte, status and position included.</summary>
public class YencSimdEquivalenceTests
{
    private static IEnumerable<YencSimdPath> SimdPaths => YencSimd.Supported().Where(p => p != YencSimdPath.Scalar);

    [Fact]
    public void Machine_HasAtLeastOneSimdPath()
    {
        // Guards against silently testing nothing: every CI machine here has 128-bit SIMD.
        Assert.NotEmpty(SimdPaths);
    }

    [YencSimdPathFact("Vector128")]
    public void Vector128_IsAmongThePathsCompared() => Assert.Contains(YencSimdPath.Vector128, SimdPaths);

    [YencSimdPathFact("Vector256")]
    public void Vector256_IsAmongThePathsCompared() => Assert.Contains(YencSimdPath.Vector256, SimdPaths);

    [YencSimdPathFact("Vector512")]
    public void Vector512_IsAmongThePathsCompared() => Assert.Contains(YencSimdPath.Vector512, SimdPaths);

    private static bool DecodeMatches(byte[] input, bool raw, int[] splits)
    {
        var expected = Decode(input, YencSimdPath.Scalar, raw, splits);
        foreach (var path in SimdPaths)
        {
            var actual = Decode(input, path, raw, splits);
            Assert.Equal(expected.Status, actual.Status);
            Assert.Equal(expected.Consumed, actual.Consumed);
            Assert.Equal(expected.EscapePending, actual.EscapePending);
            Assert.Equal(expected.Output, actual.Output);
        }
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Decode_SpecialDenseInput_SimdEqualsScalar(int seed, bool raw, byte chunks)
    {
        var input = SpecialDense(seed, Size(seed, 3000));
        return DecodeMatches(input, raw, Splits(seed ^ 0x5a5a, input.Length, chunks % 8));
    }

    [Property(MaxTest = 200)]
    public bool Decode_EncodedRandomData_SimdEqualsScalar(int seed, bool raw, byte chunks)
    {
        var input = Encode(Random(seed, Size(seed, 5000)), 1 + Size(~seed, 300));
        return DecodeMatches(input, raw, Splits(seed, input.Length, chunks % 6));
    }

    [Property(MaxTest = 100)]
    public bool Decode_SparseSpecialsInLongRuns_SimdEqualsScalar(int seed, bool raw)
    {
        // Mostly plain bytes with a few specials: exercises the fast path next to the masked one.
        var rng = new Random(seed);
        var input = new byte[Size(seed, 4000)];
        ReadOnlySpan<byte> specials = "=\r\n.y"u8;
        for (var k = 0; k < input.Length; k++)
            input[k] = rng.Next(40) == 0 ? specials[rng.Next(specials.Length)] : (byte)rng.Next(0x40, 0x7f);
        return DecodeMatches(input, raw, Splits(seed, input.Length, 3));
    }

    [Fact]
    public void Decode_EveryByteChunking_SimdEqualsScalar()
    {
        var input = SpecialDense(99, 700);
        foreach (var raw in new[] { false, true })
        {
            DecodeMatches(input, raw, Enumerable.Range(1, input.Length - 1).ToArray());
            DecodeMatches(input, raw, []);
        }
    }

    [Fact]
    public void Decode_LineStartSequencesAtEveryBlockOffset_SimdEqualsScalar()
    {
        // "CRLF..", "CRLF=}" and "==" placed at every offset relative to the SIMD blocks, so the state
        // carried from one block to the next (CR, LF, '=') is exercised at each boundary position.
        foreach (var piece in new[] { "\r\n..k", "\r\n=}k", "k==k", "\r\n.=}k", "=\r\n..k" })
        {
            var text = new System.Text.StringBuilder();
            for (var shift = 0; shift < 130; shift++)
                text.Append(new string('k', shift)).Append(piece).Append(new string('k', 70));
            foreach (var raw in new[] { false, true })
                DecodeMatches(Ascii(text.ToString()), raw, []);
        }
    }

    [Property(MaxTest = 200)]
    public bool Encode_RandomData_SimdEqualsScalar(int seed, byte chunks)
    {
        var data = Random(seed, Size(seed, 5000));
        var lineLength = 1 + Size(~seed, 1000);
        var expected = Encode(data, lineLength);
        var splits = Splits(seed, data.Length, chunks % 5);
        foreach (var path in SimdPaths)
        {
            Assert.Equal(expected, Encode(data, lineLength, path));
            Assert.Equal(expected, EncodeChunked(data, lineLength, splits, path));
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public bool Encode_CriticalDenseData_SimdEqualsScalar(int seed)
    {
        // Bytes that become NUL, LF, CR, '=', TAB, space or '.' after +42.
        byte[] critical = [214, 224, 227, 19, 223, 246, 4];
        var rng = new Random(seed);
        var data = new byte[Size(seed, 3000)];
        for (var k = 0; k < data.Length; k++)
            data[k] = rng.Next(2) == 0 ? critical[rng.Next(critical.Length)] : (byte)rng.Next(256);
        var lineLength = 1 + Size(~seed, 200);
        var expected = Encode(data, lineLength);
        foreach (var path in SimdPaths)
            Assert.Equal(expected, Encode(data, lineLength, path));
        return true;
    }
    [Theory]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(191)]
    [InlineData(256)]
    public void Encode_EdgeBytesAtEveryLineOffset_SimdEqualsScalar(int lineLength)
    {
        // TAB, space and '.' (escaped only at a line's edges) and always-escaped bytes, alone and next to each
        // other, placed at every offset from the line ends and the 64-byte blocks of the SIMD kernels.
        // Input bytes are output minus 42: 223 -> TAB, 246 -> space, 4 -> '.', 19 -> '=', 214 -> NUL, 65 -> 'k'.
        byte[][] pieces = [[223], [246], [4], [19], [214, 19], [19, 223], [223, 4], [246, 19, 246], [4, 4, 223]];
        foreach (var piece in pieces)
        {
            var data = new List<byte>();
            for (var shift = 0; shift < 140; shift++)
            {
                data.AddRange(Enumerable.Repeat((byte)65, shift));
                data.AddRange(piece);
                data.AddRange(Enumerable.Repeat((byte)65, 61));
            }
            var input = data.ToArray();
            var expected = Encode(input, lineLength);
            foreach (var path in SimdPaths)
                Assert.Equal(expected, Encode(input, lineLength, path));
        }
    }

    [Fact]
    public void Encode_TabOrSpaceAsLastByte_SimdEqualsScalar()
    {
        // The data's final byte is escaped when TAB or space, wherever it falls in a line or block.
        foreach (var last in new byte[] { 223, 246, 4, 19 })
        {
            for (var length = 1; length < 300; length++)
            {
                var data = Random(length, length);
                data[^1] = last;
                var expected = Encode(data, 128);
                foreach (var path in SimdPaths)
                    Assert.Equal(expected, Encode(data, 128, path));
            }
        }
    }
}
