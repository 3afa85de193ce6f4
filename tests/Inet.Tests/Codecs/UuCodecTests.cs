using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Inet.Codecs;
using Inet.Tests.Fakes;

namespace Inet.Tests.Codecs;

public sealed class UuCodecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-uu-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MemoryUuOutput DecodeText(string text)
    {
        var output = new MemoryUuOutput();
        UuDecoder.Decode(Encoding.UTF8.GetBytes(text), output);
        return output;
    }

    private static async Task<MemoryUuOutput> DecodeStreamAsync(byte[] text, int maxPerRead)
    {
        var output = new MemoryUuOutput();
        await UuDecoder.DecodeAsync(new ChunkedStream(text, maxPerRead), output);
        return output;
    }

    [Fact]
    public void Encode_KnownVector()
    {
        var text = UuEncoder.Encode("Cat"u8, "cat.txt");
        Assert.Equal("begin 644 cat.txt\n#0V%T\n`\nend\n", text);
    }

    [Fact]
    public void Encode_ZeroBytes_UseBacktickNotSpace()
    {
        var text = UuEncoder.Encode(new byte[3], "z", mode: 0x180);
        Assert.Equal("begin 600 z\n#````\n`\nend\n", text);
    }

    [Fact]
    public void Encode_FullLines_Are45BytesAndStartWithM()
    {
        var lines = UuEncoder.Encode(new byte[100], "x").Split('\n');
        Assert.Equal(['M', 'M', '*'], lines.Skip(1).Take(3).Select(l => l[0]));
        Assert.Equal(61, lines[1].Length);
    }

    [Property(MaxTest = 200)]
    public bool RoundTrip_InMemory(byte[] data, NonEmptyString name)
    {
        var decoded = DecodeText(UuEncoder.Encode(data, name.Get));
        var file = Assert.Single(decoded.Files);
        return file.Complete && file.Data.AsSpan().SequenceEqual(data) && file.Header.Name == SafeFileName.Sanitize(name.Get);
    }

    [Property(MaxTest = 100)]
    public Property RoundTrip_StreamedWithCrlfAndRandomSplits() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<byte[]>().ToArbitrary(),
            Gen.Choose(1, 200).ToArbitrary(),
            (data, split) =>
            {
                using var encoded = new MemoryStream();
                UuEncoder.EncodeAsync(new MemoryStream(data), encoded, "f.bin", newLine: "\r\n").GetAwaiter().GetResult();
                var output = DecodeStreamAsync(encoded.ToArray(), split).GetAwaiter().GetResult();
                var file = Assert.Single(output.Files);
                return file.Complete && file.Data.AsSpan().SequenceEqual(data);
            });

    [Property(MaxTest = 200)]
    public bool BrokenEncoder_SpacesForZeroAndTrailingSpacesStripped_DecodesExactly(byte[] data)
    {
        // What an old encoder plus a space-stripping gateway make of our output.
        var lines = UuEncoder.Encode(data, "x").Split('\n')
            .Select((line, i) => i == 0 || line == "end" ? line : line.Replace('`', ' ').TrimEnd(' '));
        var file = Assert.Single(DecodeText(string.Join('\n', lines)).Files);
        return file.Complete && file.Data.AsSpan().SequenceEqual(data);
    }

    [Property(MaxTest = 300)]
    public bool Decode_ArbitraryBytes_NeverThrowsAndEndsEveryFile(byte[] noise, byte[] data)
    {
        var text = Encoding.Latin1.GetBytes(UuEncoder.Encode(data, "f"));
        var output = new MemoryUuOutput();
        var begun = UuDecoder.Decode([.. noise, .. "\nbegin 644 n\n"u8, .. noise, (byte)'\n', .. text, .. noise], output);
        return begun == output.Files.Count && output.Files.Any(f => f.Complete && f.Data.AsSpan().SequenceEqual(data));
    }

    [Fact]
    public async Task RoundTrip_LargeFileThroughStreams()
    {
        var data = new byte[1_000_003];
        new Random(5).NextBytes(data);
        using var encoded = new MemoryStream();
        await UuEncoder.EncodeAsync(new MemoryStream(data), encoded, "big.bin");
        var output = await DecodeStreamAsync(encoded.ToArray(), 70_000);
        Assert.Equal(data, Assert.Single(output.Files).Data);
    }

    [Fact]
    public void Decode_BrokenEncoder_TrailingSpacesStripped_PadsWithZeroBits()
    {
        // Old encoders wrote zero as a space; a gateway then stripped the trailing spaces.
        var data = "ABC\0\0\0\0\0\0"u8.ToArray();
        var line = UuEncoder.Encode(data, "x").Split('\n')[1].Replace('`', ' ').TrimEnd(' ');
        Assert.Equal(")04)#", line);
        var decoded = DecodeText($"begin 644 x\n{line}\n \nend\n");
        Assert.Equal(data, Assert.Single(decoded.Files).Data);
    }

    [Fact]
    public void Decode_BrokenEncoder_WholeLineOfZerosStripped()
    {
        var decoded = DecodeText("begin 644 x\nM\n#0V%T\n`\nend\n");
        var file = Assert.Single(decoded.Files);
        Assert.Equal(new byte[45].Concat("Cat"u8.ToArray()), file.Data);
        Assert.True(file.Complete);
    }

    [Fact]
    public void Decode_LineWithChecksumCharacter_IgnoresIt()
    {
        var decoded = DecodeText("begin 644 x\n#0V%TZ\n`\nend\n");
        Assert.Equal("Cat"u8.ToArray(), Assert.Single(decoded.Files).Data);
    }

    [Fact]
    public void Decode_ArticleWithHeadersTextAndTwoFiles()
    {
        var article = new StringBuilder()
            .Append("From: poster@example.com\nSubject: two files\nNewsgroups: alt.binaries.test\n\n")
            .Append("Here are the files you asked for.\n\n")
            .Append(UuEncoder.Encode("first file"u8, "one.txt"))
            .Append("\nand the second:\n")
            .Append(UuEncoder.Encode("second file!"u8, "two.txt", newLine: "\r\n"))
            .Append("-- \nsignature line\n")
            .ToString();
        var decoded = DecodeText(article);

        Assert.Equal(2, decoded.Files.Count);
        Assert.Equal(("one.txt", "first file", true), (decoded.Files[0].Header.Name, Encoding.ASCII.GetString(decoded.Files[0].Data), decoded.Files[0].Complete));
        Assert.Equal(("two.txt", "second file!", true), (decoded.Files[1].Header.Name, Encoding.ASCII.GetString(decoded.Files[1].Data), decoded.Files[1].Complete));
    }

    [Fact]
    public void Decode_MissingEnd_ReportsIncomplete()
    {
        var text = UuEncoder.Encode(new byte[200], "cut.bin");
        var cut = text[..text.IndexOf("\n`", StringComparison.Ordinal)];
        var file = Assert.Single(DecodeText(cut).Files);
        Assert.False(file.Complete);
        Assert.Equal(new byte[200], file.Data);
    }

    [Fact]
    public void Decode_CutMidLineWithTextAfter_StopsAtText()
    {
        var text = UuEncoder.Encode(new byte[90], "a.bin");
        var lines = text.Split('\n');
        var cut = $"{lines[0]}\n{lines[1]}\nSorry, the rest got lost.\n{UuEncoder.Encode("ok"u8, "b.txt")}";
        var decoded = DecodeText(cut);

        Assert.Equal(2, decoded.Files.Count);
        Assert.Equal((45, false), (decoded.Files[0].Data.Length, decoded.Files[0].Complete));
        Assert.Equal(("b.txt", true), (decoded.Files[1].Header.Name, decoded.Files[1].Complete));
    }

    [Fact]
    public void Decode_NewBeginWithoutEnd_EndsPreviousAsIncomplete()
    {
        var first = UuEncoder.Encode("abc"u8, "a");
        var text = first[..first.IndexOf("`\nend", StringComparison.Ordinal)] + UuEncoder.Encode("xyz"u8, "b");
        var decoded = DecodeText(text);
        Assert.Equal([false, true], decoded.Files.Select(f => f.Complete));
        Assert.Equal("abc"u8.ToArray(), decoded.Files[0].Data);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Decode_BadCharacterInFullLine_EndsFileIncomplete(string newLine)
    {
        var lines = UuEncoder.Encode(new byte[200], "a", newLine: newLine).Split(newLine).ToArray();
        lines[2] = lines[2][..30] + "x" + lines[2][31..]; // lowercase is not a uu character
        var file = Assert.Single(DecodeText(string.Join(newLine, lines)).Files);
        Assert.Equal((45, false), (file.Data.Length, file.Complete));
    }

    [Fact]
    public void Decode_BlankLineInsideData_IsTolerated()
    {
        var lines = UuEncoder.Encode(new byte[90], "a").Split('\n').ToList();
        lines.Insert(2, "");
        var file = Assert.Single(DecodeText(string.Join('\n', lines)).Files);
        Assert.Equal((90, true), (file.Data.Length, file.Complete));
    }

    [Theory]
    [InlineData("begin-base64 644 x\n#0V%T\n`\nend\n")]
    [InlineData("begin 644\n#0V%T\n`\nend\n")]
    [InlineData("begin 644 \n#0V%T\n`\nend\n")]
    [InlineData("begin 99 x\n#0V%T\n`\nend\n")]
    [InlineData("begin 12345 x\n#0V%T\n`\nend\n")]
    [InlineData(" begin 644 x\n#0V%T\n`\nend\n")]
    public void Decode_NotABeginLine_FindsNothing(string text) => Assert.Empty(DecodeText(text).Files);

    [Theory]
    [InlineData("begin 644 a b c.txt", 0x1A4, "a b c.txt")]
    [InlineData("begin 0755 run.sh", 0x1ED, "run.sh")]
    [InlineData("begin 6 x  ", 6, "x")]
    public void BeginLine_Parses(string line, int mode, string name)
    {
        Assert.True(UuBeginLine.TryParse(Encoding.ASCII.GetBytes(line), out var header));
        Assert.Equal(new UuBeginLine(mode, name), header);
    }

    [Fact]
    public void BeginLine_Latin1Name_IsDecoded()
    {
        Assert.True(UuBeginLine.TryParse([.. "begin 644 caf"u8, 0xE9, .. ".txt"u8], out var header));
        Assert.Equal("café.txt", header!.Name);
    }

    [Fact]
    public async Task Decode_OverlongTextLine_IsSkipped()
    {
        var text = "x" + new string('A', UuDecoder.DefaultMaxLineLength * 3) + "\n" + UuEncoder.Encode("ok"u8, "a");
        var output = await DecodeStreamAsync(Encoding.ASCII.GetBytes(text), 4096);
        Assert.Equal("ok"u8.ToArray(), Assert.Single(output.Files).Data);
    }

    [Fact]
    public async Task DecodeToDirectory_HostileNames_StayInsideFolder()
    {
        var text = UuEncoder.Encode("a"u8, "x").Replace("begin 644 x", "begin 644 ../../../tmp/evil.sh", StringComparison.Ordinal)
            + UuEncoder.Encode("b"u8, "x").Replace("begin 644 x", "begin 644 C:\\Windows\\CON", StringComparison.Ordinal)
            + UuEncoder.Encode("c"u8, "x").Replace("begin 644 x", "begin 644 ..", StringComparison.Ordinal);
        var results = await UuDecoder.DecodeToDirectoryAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), _dir);

        Assert.Equal(["evil.sh", "_CON", SafeFileName.DefaultFallback], results.Select(r => Path.GetFileName(r.Path)));
        Assert.All(results, r => Assert.True(SafeFileName.IsDirectChild(_dir, r.Path!)));
        Assert.All(results, r => Assert.Equal(AssemblyStatus.Ok, r.Status));
    }

    [Fact]
    public async Task DecodeToDirectory_SameNameTwice_KeepsBoth()
    {
        var text = UuEncoder.Encode("one"u8, "a.txt") + UuEncoder.Encode("two"u8, "a.txt");
        var results = await UuDecoder.DecodeToDirectoryAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), _dir);
        Assert.Equal(["a.txt", "a (1).txt"], results.Select(r => Path.GetFileName(r.Path)));
        Assert.Equal("two", await File.ReadAllTextAsync(Path.Combine(_dir, "a (1).txt")));
    }

    [Fact]
    public async Task DecodeToDirectory_Truncated_IsIncompleteAndKept()
    {
        var text = UuEncoder.Encode(new byte[100], "cut.bin");
        text = text[..text.IndexOf("`\nend", StringComparison.Ordinal)];
        var result = Assert.Single(await UuDecoder.DecodeToDirectoryAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), _dir));

        Assert.Equal(AssemblyStatus.Incomplete, result.Status);
        Assert.Equal(Path.Combine(_dir, "cut.bin.incomplete"), result.Path);
        Assert.Equal(100, new FileInfo(result.Path!).Length);
        Assert.False(File.Exists(Path.Combine(_dir, "cut.bin")));
    }

    [Fact]
    public void Interop_MimeKitDecodesOurOutput()
    {
        var data = new byte[5000];
        new Random(3).NextBytes(data);
        var encoded = Encoding.ASCII.GetBytes(UuEncoder.Encode(data, "m.bin"));
        var decoder = new MimeKit.Encodings.UUDecoder();
        var output = new byte[decoder.EstimateOutputLength(encoded.Length)];
        var n = decoder.Decode(encoded, 0, encoded.Length, output);
        Assert.Equal(data, output.AsSpan(0, n).ToArray());
    }

    [Fact]
    public void Interop_WeDecodeMimeKitOutput()
    {
        var data = new byte[5000];
        new Random(4).NextBytes(data);
        var encoder = new MimeKit.Encodings.UUEncoder();
        var output = new byte[encoder.EstimateOutputLength(data.Length)];
        var n = encoder.Flush(data, 0, data.Length, output);
        var text = "begin 644 m.bin\n" + Encoding.ASCII.GetString(output, 0, n) + "end\n";
        Assert.Equal(data, Assert.Single(DecodeText(text).Files).Data);
    }
}
