using Inet.Codecs.Yenc;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

public class YencDecoderTests
{
    public static TheoryData<string> Paths() => new(YencSimd.Supported().Select(p => p.ToString()));

    private static YencSimdPath P(string name) => Enum.Parse<YencSimdPath>(name);

    // Bytes 0..255, line length 128, made by an independent Python encoder; CRC32 by zlib.crc32.
    private const string AllBytesEncoded =
        "2a2b2c2d2e2f303132333435363738393a3b3c3d7d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f" +
        "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90919293949596" +
        "9798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a80d0aa9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacb" +
        "cccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff3d4001" +
        "02030405060708093d4a0b0c3d4d0e0f101112131415161718191a1b1c1d1e1f2021222324250d0a262728290d0a";

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_AllByteValues_MatchesKnownVector(string path)
    {
        var input = Convert.FromHexString(AllBytesEncoded);
        var result = Decode(input, P(path), raw: false);
        Assert.Equal(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), result.Output);
        Assert.Equal(0x29058c73u, System.IO.Hashing.Crc32.HashToUInt32(result.Output));
        Assert.Equal(YencDecodeStatus.NeedMoreData, result.Status);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_HelloVector_DecodesAndStopsAtYend(string path)
    {
        var input = Ascii("r\u008f\u0096\u0096\u0099VJ\u00a3o\u0098\u008dK\r\n=yend size=12 crc32=0337ab3d\r\n");
        var result = Decode(input, P(path), raw: false);
        Assert.Equal("Hello, yEnc!"u8.ToArray(), result.Output);
        Assert.Equal(YencDecodeStatus.ControlLine, result.Status);
        Assert.Equal(16, result.Consumed); // through "=y"
        Assert.Equal(0x0337ab3du, System.IO.Hashing.Crc32.HashToUInt32(result.Output));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_DotStuffed_RemovesStuffingAndStopsAtTerminator(string path)
    {
        // ".." at line start is one '.', which decodes to 4; ".\r\n" ends the article.
        var body = string.Concat(Enumerable.Repeat("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\r\n..k\r\n", 8)) + ".\r\nleft over";
        var result = Decode(Ascii(body), P(path), raw: true);
        var line = Enumerable.Repeat((byte)0x41, 44).Append((byte)4).Append((byte)0x41);
        Assert.Equal(Enumerable.Repeat(line, 8).SelectMany(x => x).ToArray(), result.Output);
        Assert.Equal(YencDecodeStatus.EndOfArticle, result.Status);
        Assert.Equal(body.Length - "left over".Length, result.Consumed);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_NotDotStuffed_KeepsLeadingDots(string path)
    {
        var result = Decode(Ascii("..k\r\n.\r\n"), P(path), raw: false);
        Assert.Equal(new byte[] { 4, 4, 0x41, 4 }, result.Output);
        Assert.Equal(YencDecodeStatus.NeedMoreData, result.Status);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_DotStuffedYendLine_IsControlLine(string path)
    {
        var result = Decode(Ascii("kk\r\n.=yend size=2\r\n.\r\n"), P(path), raw: true);
        Assert.Equal(new byte[] { 0x41, 0x41 }, result.Output);
        Assert.Equal(YencDecodeStatus.ControlLine, result.Status);
        Assert.Equal(7, result.Consumed);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_LfOnlyLines_AreAccepted(string path)
    {
        var result = Decode(Ascii("kk\nkk\n=yend size=4\n"), P(path), raw: false);
        Assert.Equal(new byte[] { 0x41, 0x41, 0x41, 0x41 }, result.Output);
        Assert.Equal(YencDecodeStatus.ControlLine, result.Status);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_TruncatedEscapeAtEnd_ReportsPendingEscape(string path)
    {
        var result = Decode(Ascii("kkkk="), P(path), raw: false);
        Assert.Equal(new byte[] { 0x41, 0x41, 0x41, 0x41 }, result.Output);
        Assert.True(result.EscapePending);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Decode_EscapeAtLineStartFollowedByNonY_IsData(string path)
    {
        var result = Decode(Ascii("k\r\n=}k\r\n"), P(path), raw: true);
        Assert.Equal(new byte[] { 0x41, 0x13, 0x41 }, result.Output);
        Assert.Equal(YencDecodeStatus.NeedMoreData, result.Status);
    }

    [Fact]
    public void Decode_SmallDestination_ReportsDestinationTooSmall()
    {
        var decoder = new YencDecoder();
        var status = decoder.Decode(Ascii("kkkkkk"), new byte[4], out var consumed, out var written);
        Assert.Equal(YencDecodeStatus.DestinationTooSmall, status);
        Assert.Equal(4, consumed);
        Assert.Equal(4, written);
    }

    [Fact]
    public void Decode_SteadyState_AllocatesNothing()
    {
        var input = Encode(Random(7, 100_000), 128);
        var output = new byte[input.Length + 64];
        var decoder = new YencDecoder(dotStuffed: true);
        // Steady state: after warm-up (tiered JIT can allocate once while a method is promoted).
        for (var k = 0; k < 50; k++)
        {
            decoder.Reset();
            decoder.Decode(input, output, out _, out _);
        }
        var fewest = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < 20; k++)
            {
                decoder.Reset();
                decoder.Decode(input, output, out _, out _);
            }
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }
}
