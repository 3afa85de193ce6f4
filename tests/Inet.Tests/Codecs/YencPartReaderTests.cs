using System.Buffers;
using System.Text;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;
using Inet.Tests.Fakes;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

public class YencPartReaderTests
{
    private static async Task<byte[]> WritePart(byte[] data, YencPartSpec spec, int lineLength = 128)
    {
        using var output = new MemoryStream();
        await new YencPartWriter(lineLength).WritePartAsync(new MemoryStream(data), data.Length, output, spec);
        return output.ToArray();
    }

    private static byte[] Article(byte[] yenc, bool dotStuffed)
    {
        var text = new List<byte>();
        text.AddRange(Ascii("Some text before the binary.\r\n\r\n"));
        text.AddRange(yenc);
        text.AddRange(Ascii("trailing text\r\n"));
        if (!dotStuffed)
            return text.ToArray();
        // Dot-stuff every line (the yEnc data itself never starts a line with '.'), then terminate.
        var stuffed = Encoding.Latin1.GetString(text.ToArray()).Replace("\r\n.", "\r\n..");
        return Ascii(stuffed + ".\r\n");
    }

    private static async Task<(YencPartResult Result, byte[] Output)> Read(byte[] input, bool dotStuffed, int maxRead = int.MaxValue, YencSimdPath? path = null)
    {
        var reader = new YencPartReader(4096);
        if (path is { } p)
            reader.Path = p;
        using var output = new MemoryStream();
        var result = await reader.ReadAsync(new ChunkedStream(input, maxRead), output, dotStuffed);
        return (result, output.ToArray());
    }

    [Theory]
    [InlineData(false, int.MaxValue)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(true, 777)]
    public async Task Read_SinglePart_Ok(bool dotStuffed, int maxRead)
    {
        var data = Random(1, 20_000);
        var article = Article(await WritePart(data, new YencPartSpec("file.bin", data.Length)), dotStuffed);
        var (result, output) = await Read(article, dotStuffed, maxRead);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal(data, output);
        Assert.Equal("file.bin", result.Name);
        Assert.Equal(Crc32Math.Hash(data), result.Crc32);
        Assert.Equal(result.Crc32, result.ExpectedCrc32);
        Assert.Equal(1, result.Begin);
        Assert.Equal(data.Length, result.End);
        Assert.Equal(128, result.LineLength);
    }

    [Fact]
    public async Task Read_DotStuffed_ConsumesThroughTerminator()
    {
        var data = Random(2, 1000);
        var article = Article(await WritePart(data, new YencPartSpec("f", data.Length)), dotStuffed: true);
        var next = Ascii("NEXT");
        var source = new MemoryStream(article.Concat(next).ToArray());
        var result = await new YencPartReader(1024).ReadAsync(source, Stream.Null, dotStuffed: true);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        // The reader reads ahead in blocks, so only check it did not stop before the terminator.
        Assert.True(source.Position >= article.Length);
    }

    [Fact]
    public async Task Read_Multipart_OkWithRangeAndPartCrc()
    {
        var file = Random(3, 30_000);
        var slice = file[10_000..20_000];
        var yenc = await WritePart(slice, new YencPartSpec("big.iso", file.Length, 2, 3, 10_001));
        var (result, output) = await Read(Article(yenc, false), false);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal(slice, output);
        Assert.Equal((2, 3, 10_001L, 20_000L, 10_000L), (result.Part, result.Total, result.Begin, result.End, result.Offset));
        Assert.Equal(Crc32Math.Hash(slice), result.ExpectedPartCrc32);
        Assert.Null(result.ExpectedCrc32);
    }

    [Fact]
    public async Task Read_ToBufferWriter_SameBytes()
    {
        var data = Random(4, 5000);
        var article = Article(await WritePart(data, new YencPartSpec("f", data.Length)), true);
        var writer = new ArrayBufferWriter<byte>();
        var result = await new YencPartReader().ReadAsync(new MemoryStream(article), writer, dotStuffed: true);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal(data, writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_MissingYend(bool dotStuffed)
    {
        var yenc = Encoding.Latin1.GetString(await WritePart(Random(5, 3000), new YencPartSpec("f", 3000)));
        var cut = Ascii(yenc[..yenc.IndexOf("=yend", StringComparison.Ordinal)]);
        var (result, output) = await Read(dotStuffed ? cut.Concat(Ascii(".\r\n")).ToArray() : cut, dotStuffed);
        Assert.Equal(YencPartStatus.MissingYend, result.Status);
        Assert.Equal(3000, output.Length);
        Assert.Null(result.EndSize);
    }

    [Fact]
    public async Task Read_DotStuffedWithoutTerminator_IsTruncated()
    {
        var yenc = Encoding.Latin1.GetString(await WritePart(Random(6, 3000), new YencPartSpec("f", 3000)));
        var cut = Ascii(yenc[..(yenc.Length / 2)]);
        var (result, _) = await Read(cut, dotStuffed: true);
        Assert.Equal(YencPartStatus.Truncated, result.Status);
    }

    [Fact]
    public async Task Read_TruncatedEscapeAtEnd_IsTruncated()
    {
        var (result, output) = await Read(Ascii("=ybegin line=128 size=3 name=f\r\nkk="), dotStuffed: false);
        Assert.Equal(YencPartStatus.Truncated, result.Status);
        Assert.Equal(2, output.Length);
    }

    [Fact]
    public async Task Read_WrongCrc32_IsCrcMismatch()
    {
        var (result, _) = await Read(Ascii("=ybegin line=128 size=2 name=f\r\nkk\r\n=yend size=2 crc32=12345678\r\n"), false);
        Assert.Equal(YencPartStatus.CrcMismatch, result.Status);
        Assert.Equal(Crc32Math.Hash([0x41, 0x41]), result.Crc32);
        Assert.Equal(0x12345678u, result.ExpectedCrc32);
    }

    [Fact]
    public async Task Read_WrongPcrc32_IsCrcMismatch()
    {
        var (result, _) = await Read(Ascii("=ybegin part=1 total=2 line=128 size=4 name=f\r\n=ypart begin=1 end=2\r\nkk\r\n=yend size=2 part=1 pcrc32=00000001\r\n"), false);
        Assert.Equal(YencPartStatus.CrcMismatch, result.Status);
    }

    [Fact]
    public async Task Read_MultipartWholeFileCrc_IsNotCheckedAgainstPart()
    {
        var crc = Crc32Math.Hash([0x41, 0x41]);
        var (result, _) = await Read(Ascii($"=ybegin part=1 total=2 line=128 size=4 name=f\r\n=ypart begin=1 end=2\r\nkk\r\n=yend size=2 part=1 pcrc32={crc:x8} crc32=99999999\r\n"), false);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal(0x99999999u, result.ExpectedCrc32);
    }

    [Theory]
    [InlineData("=ybegin line=128 size=3 name=f\r\nkk\r\n=yend size=2 crc32=00000000\r\n")]
    [InlineData("=ybegin line=128 size=2 name=f\r\nkk\r\n=yend size=3\r\n")]
    [InlineData("=ybegin part=1 total=2 line=128 size=9 name=f\r\n=ypart begin=1 end=3\r\nkk\r\n=yend size=2 part=1\r\n")]
    public async Task Read_SizeMismatch(string article)
    {
        var (result, _) = await Read(Ascii(article), false);
        Assert.Equal(YencPartStatus.SizeMismatch, result.Status);
    }

    [Theory]
    [InlineData("=ybegin part=5 total=3 line=128 size=9 name=f\r\n=ypart begin=1 end=2\r\nkk\r\n=yend size=2 part=5\r\n")]
    [InlineData("=ybegin part=1 total=3 line=128 size=9 name=f\r\n=ypart begin=5 end=2\r\nkk\r\n=yend size=2 part=1\r\n")]
    [InlineData("=ybegin part=1 total=3 line=128 size=9 name=f\r\n=ypart begin=8 end=12\r\nkk\r\n=yend size=2 part=1\r\n")]
    [InlineData("=ybegin part=1 total=3 line=128 size=9 name=f\r\n=ypart begin=1 end=2\r\nkk\r\n=yend size=2 part=2\r\n")]
    public async Task Read_InconsistentPartNumbers_IsInvalidHeader(string article)
    {
        var (result, _) = await Read(Ascii(article), false);
        Assert.Equal(YencPartStatus.InvalidHeader, result.Status);
    }

    [Fact]
    public async Task Read_HostileName_IsOnlyReported()
    {
        var (result, _) = await Read(Ascii("=ybegin line=128 size=2 name=../../.ssh/authorized_keys\r\nkk\r\n=yend size=2\r\n"), false);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal("../../.ssh/authorized_keys", result.Name);
    }

    [Theory]
    [InlineData(false, "just text\r\nno binary here\r\n")]
    [InlineData(true, "just text\r\n.\r\n=ybegin line=128 size=2 name=after-the-end\r\n")]
    [InlineData(false, "")]
    public async Task Read_NoYenc_IsNotFound(bool dotStuffed, string article)
    {
        var (result, output) = await Read(Ascii(article), dotStuffed);
        Assert.Equal(YencPartStatus.NotFound, result.Status);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Read_OverlongLineBeforeHeader_IsSkippedWithBoundedBuffer()
    {
        var junk = new string('x', 100_000);
        var (result, output) = await Read(Ascii(junk + "\r\n=ybegin line=128 size=2 name=f\r\nkk\r\n=yend size=2\r\n"), false);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal(new byte[] { 0x41, 0x41 }, output);
    }

    [Fact]
    public async Task Read_NoYpartLineInMultipart_StillDecodes()
    {
        var (result, output) = await Read(Ascii("=ybegin part=1 total=1 line=128 size=2 name=f\r\nkk\r\n=yend size=2 part=1\r\n"), false);
        Assert.Equal(YencPartStatus.Ok, result.Status);
        Assert.Equal(2, output.Length);
    }

    [Fact]
    public async Task FileEncoder_SplitsIntoParts_ThatReadBackAndCombine()
    {
        var file = Random(9, 250_000);
        var outputs = new Dictionary<int, MemoryStream>();
        var parts = await YencFileEncoder.EncodeAsync(new MemoryStream(file), file.Length, "data.bin", 100_000,
            (part, total, _) => { var s = new MemoryStream(); outputs[part] = s; return ValueTask.FromResult<Stream>(new NonClosing(s)); });
        Assert.Equal(3, parts.Count);
        Assert.Equal(new[] { (1L, 100_000L), (100_001L, 200_000L), (200_001L, 250_000L) }, parts.Select(p => (p.Begin, p.End)));
        var assembled = new byte[file.Length];
        uint combined = 0;
        foreach (var (number, stream) in outputs.OrderBy(kv => kv.Key))
        {
            using var decoded = new MemoryStream();
            var result = await new YencPartReader().ReadAsync(new MemoryStream(stream.ToArray()), decoded);
            Assert.Equal(YencPartStatus.Ok, result.Status);
            Assert.Equal((number, 3), (result.Part, result.Total));
            decoded.ToArray().CopyTo(assembled, result.Offset);
            combined = number == 1 ? result.Crc32 : Crc32Math.Combine(combined, result.Crc32, result.DecodedLength);
            if (number == 3)
                Assert.Equal(Crc32Math.Hash(file), result.ExpectedCrc32);
            else
                Assert.Null(result.ExpectedCrc32);
        }
        Assert.Equal(file, assembled);
        Assert.Equal(Crc32Math.Hash(file), combined);
    }

    [Fact]
    public async Task Writer_RejectsNamesThatBreakTheHeader()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new YencPartWriter().WritePartAsync(new MemoryStream([1]), 1, Stream.Null, new YencPartSpec("a\r\n=yend", 1)));
    }

    [Fact]
    public async Task Writer_SinglePartFrame_KnownBytes()
    {
        var bytes = await WritePart("Hello, yEnc!"u8.ToArray(), new YencPartSpec("hello.txt", 12));
        Assert.Equal(Ascii("=ybegin line=128 size=12 name=hello.txt\r\nr\u008f\u0096\u0096\u0099VJ\u00a3o\u0098\u008dK\r\n=yend size=12 crc32=0337ab3d\r\n"), bytes);
    }

    /// <summary>Keeps the MemoryStream readable after the encoder disposes the part stream.</summary>
    private sealed class NonClosing(Stream inner) : WriteOnlyStream
    {
        public override long Length => inner.Length;
        public override long Position => inner.Position;
        public override void Flush() => inner.Flush();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
