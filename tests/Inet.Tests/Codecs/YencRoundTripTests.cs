using System.Buffers;
using FsCheck;
using FsCheck.Xunit;
using Inet.Codecs.Yenc;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

public class YencRoundTripTests
{
    [Property(MaxTest = 300)]
    public bool DecodeOfEncode_IsIdentity_AnyLineLengthAnyChunking(int seed, bool raw, byte chunks)
    {
        var data = Random(seed, Size(seed, 6000));
        var lineLength = 1 + Size(~seed, 1000);
        var encoded = Encode(data, lineLength, YencSimd.Best);
        var splits = Splits(~seed, encoded.Length, chunks % 10);
        var decoded = Decode(encoded, YencSimd.Best, raw, splits);
        return decoded.Output.AsSpan().SequenceEqual(data) && decoded.Status == YencDecodeStatus.NeedMoreData;
    }

    [Property(MaxTest = 100)]
    public bool DecodeOfEncode_OneByteChunks(int seed)
    {
        var data = Random(seed, Size(seed, 400));
        var encoded = Encode(data, 1 + Size(~seed, 1000), YencSimd.Best);
        var decoded = Decode(encoded, YencSimd.Best, raw: true, Enumerable.Range(1, Math.Max(0, encoded.Length - 1)).ToArray());
        return decoded.Output.AsSpan().SequenceEqual(data);
    }

    [Fact]
    public void DecodeOfEncode_EveryLineLengthFrom1To1000_ForFixedData()
    {
        var data = Random(3, 2500);
        for (var line = 1; line <= 1000; line += line < 140 ? 1 : 37)
        {
            var encoded = Encode(data, line, YencSimd.Best);
            Assert.Equal(data, Decode(encoded, YencSimd.Best, raw: true).Output);
        }
    }

    [Property(MaxTest = 200)]
    public bool Encode_LinesRespectLengthAndNeedNoDotStuffing(int seed)
    {
        var data = Random(seed, Size(seed, 3000));
        var lineLength = 1 + Size(~seed, 300);
        var encoded = Encode(data, lineLength, YencSimd.Best);
        var text = encoded.AsSpan();
        while (!text.IsEmpty)
        {
            var end = text.IndexOf("\r\n"u8);
            Assert.True(end > 0, "every line is non-empty and CRLF-terminated");
            var lineBytes = text[..end];
            Assert.True(lineBytes.Length <= lineLength + 1, "at most one character over the line length");
            Assert.True(lineBytes[0] != (byte)'.' && lineBytes[0] != (byte)' ' && lineBytes[0] != (byte)'\t');
            Assert.True(lineBytes[^1] != (byte)' ' && lineBytes[^1] != (byte)'\t');
            Assert.True(lineBytes.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) < 0);
            text = text[(end + 2)..];
        }
        return true;
    }

    [Fact]
    public void Encode_KnownVectors()
    {
        Assert.Equal(Ascii("r\u008f\u0096\u0096\u0099VJ\u00a3o\u0098\u008dK\r\n"), Encode("Hello, yEnc!"u8.ToArray(), 128));
        // '.', TAB at line end, NUL, '=', CR, NUL with 3-character lines.
        Assert.Equal(Ascii("=n=I\r\n=@=}\r\n=M=@\r\n"), Encode([4, 0xdf, 0xd6, 0x13, 0xe3, 0xd6], 3));
        Assert.Equal(Ascii("k=`\r\n"), Encode([0x41, 0xf6], 128));
        Assert.Equal(Ascii("=`k\r\n"), Encode([0xf6, 0x41], 128));
        Assert.Equal(Ascii("k k\r\n"), Encode([0x41, 0xf6, 0x41], 128));
        Assert.Equal([], Encode([], 128));
    }

    [Fact]
    public void Encode_NotFinal_HoldsBackLastByte()
    {
        var encoder = new YencEncoder();
        var output = new byte[300];
        var status = encoder.Encode([0x41, 0xf6], output, out var consumed, out var written, isFinalBlock: false);
        Assert.Equal(OperationStatus.NeedMoreData, status);
        Assert.Equal(1, consumed);
        Assert.Equal(1, written);
    }
}
