using System.Text;
using Inet.Codecs.Yenc;

namespace Inet.Tests.Codecs;

/// <summary>Input generators and chunked drivers shared by the yEnc tests.</summary>
internal static class YencTestData
{
    public static byte[] Ascii(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>A size in [0, max) drawn from the seed (FsCheck's own ints stay small).</summary>
    public static int Size(int seed, int max) => new Random(seed * 31 + 7).Next(max);

    public static byte[] Random(int seed, int length)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Encoded-looking bytes dense in everything the decoder treats specially.</summary>
    public static byte[] SpecialDense(int seed, int length)
    {
        ReadOnlySpan<byte> specials = "==\r\n\r\n..y=.\r\n"u8;
        var rng = new Random(seed);
        var data = new byte[length];
        for (var k = 0; k < length; k++)
            data[k] = rng.Next(3) == 0 ? (byte)rng.Next(256) : specials[rng.Next(specials.Length)];
        return data;
    }

    /// <summary>Split points for a chunking: sorted, in (0, length).</summary>
    public static int[] Splits(int seed, int length, int count)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => length <= 1 ? 0 : rng.Next(1, length)).Distinct().Order().ToArray();
    }

    public static byte[] Encode(byte[] data, int lineLength, YencSimdPath path = YencSimdPath.Scalar)
    {
        var encoder = new YencEncoder(lineLength) { Path = path };
        var output = new byte[YencEncoder.GetMaxEncodedLength(data.Length, lineLength)];
        var status = encoder.Encode(data, output, out var consumed, out var written);
        Assert.Equal(System.Buffers.OperationStatus.Done, status);
        Assert.Equal(data.Length, consumed);
        return output[..written];
    }

    /// <summary>Encodes in chunks (holding back what the encoder does not consume).</summary>
    public static byte[] EncodeChunked(byte[] data, int lineLength, int[] splits, YencSimdPath path)
    {
        var encoder = new YencEncoder(lineLength) { Path = path };
        var output = new List<byte>();
        var buffer = new byte[YencEncoder.GetMaxEncodedLength(data.Length, lineLength)];
        var start = 0;
        foreach (var end in splits.Append(data.Length))
        {
            var final = end == data.Length;
            var status = encoder.Encode(data.AsSpan(start, end - start), buffer, out var consumed, out var written, final);
            Assert.NotEqual(System.Buffers.OperationStatus.DestinationTooSmall, status);
            output.AddRange(buffer.AsSpan(0, written).ToArray());
            start += consumed;
        }
        Assert.Equal(data.Length, start);
        return output.ToArray();
    }

    /// <summary>Result of feeding a whole input through a decoder.</summary>
    public readonly record struct Decoded(byte[] Output, YencDecodeStatus Status, int Consumed, bool EscapePending);

    /// <summary>Decodes <paramref name="input"/> fed in chunks cut at <paramref name="splits"/>.</summary>
    public static Decoded Decode(byte[] input, YencSimdPath path, bool raw, int[]? splits = null, int slack = 64)
    {
        var decoder = new YencDecoder(raw) { Path = path };
        var output = new List<byte>();
        var start = 0;
        var status = YencDecodeStatus.NeedMoreData;
        foreach (var end in (splits ?? []).Append(input.Length))
        {
            if (end <= start)
                continue;
            var chunk = input.AsSpan(start, end - start);
            var buffer = new byte[chunk.Length + slack];
            status = decoder.Decode(chunk, buffer, out var consumed, out var written);
            output.AddRange(buffer.AsSpan(0, written).ToArray());
            start += consumed;
            if (status != YencDecodeStatus.NeedMoreData)
                break;
        }
        return new Decoded(output.ToArray(), status, start, decoder.IsEscapePending);
    }
}
