using System.Net;
using System.Net.Sockets;
using Inet.News.Nzb;

namespace Inet.Tests.News;

public class NzbReaderTests
{
    [Fact]
    public void Read_RealWorldShape_ParsesMetaFilesAndSegments()
    {
        var result = NzbReader.Read(NzbSamples.Latin1(NzbSamples.TwoFiles));
        var doc = result.Document;

        Assert.Equal("Big Buck Bunny & friends", doc.Title);
        Assert.Equal("s3cr<t", doc.Password);
        Assert.Equal("TV > HD", doc.Category);
        Assert.Equal(["HD", "Café"], doc.Meta.Where(m => m.Type == "tag").Select(m => m.Value));
        Assert.Equal(2, doc.Files.Count);

        var first = doc.Files[0];
        Assert.Equal("Joe Bloggs <bloggs@nowhere.example>", first.Poster);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1071674882), first.Date);
        Assert.Equal(["alt.binaries.test", "alt.binaries.misc"], first.Groups);
        Assert.Equal([1, 2, 3], first.Segments.Select(s => s.Number));
        Assert.Equal("part1of3.abc@news.example", first.Segments[0].MessageId);
        Assert.Equal("part3of3.abc@news.example", first.Segments[2].MessageId);
        Assert.Equal(768000L + 768000 + 12345, first.TotalBytes);
        Assert.Equal("bunny.mkv", first.ParsedSubject.FileName);
        Assert.Equal(1, first.ParsedSubject.FileNumber);
        Assert.Equal("bunny.mkv.par2", doc.Files[1].ParsedSubject.FileName);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task ReadAsync_SameAsRead()
    {
        var sync = NzbReader.Read(NzbSamples.Latin1(NzbSamples.TwoFiles)).Document;
        var async = (await NzbReader.ReadAsync(NzbSamples.Latin1(NzbSamples.TwoFiles))).Document;
        Assert.Equal(sync.Meta, async.Meta);
        Assert.Equal(sync.Files.SelectMany(f => f.Segments), async.Files.SelectMany(f => f.Segments));
    }

    [Fact]
    public void Read_NoNamespaceAndUnknownElements_AreTolerated()
    {
        const string text = """
            <nzb><extra a="1"><file subject="x"/></extra>
            <file subject="s" newattr="1"><groups><group>g</group><unknown/></groups>
            <segments><segment number="1" bytes="5">id@h<b>ignored-markup</b></segment></segments></file></nzb>
            """;
        var doc = NzbReader.Read(NzbSamples.Utf8(text)).Document;
        var file = Assert.Single(doc.Files); // the <file> nested in <extra> is not a file of the nzb
        Assert.Equal("s", file.Subject);
        Assert.Equal("id@hignored-markup", file.Segments[0].MessageId);
    }

    [Fact]
    public void Read_DuplicateSegments_KeepsFirstAndWarns()
    {
        var text = NzbSamples.WithSegments("""
            <segment bytes="10" number="1">a@x</segment>
            <segment bytes="10" number="2">b@x</segment>
            <segment bytes="99" number="2">c@x</segment>
            """);
        var result = NzbReader.Read(NzbSamples.Utf8(text));
        var file = result.Document.Files[0];
        Assert.Equal(["a@x", "b@x"], file.Segments.Select(s => s.MessageId));
        var warning = Assert.Single(result.WarningsFor(0));
        Assert.Equal(NzbWarningKind.DuplicateSegment, warning.Kind);
        Assert.Equal([2], warning.SegmentNumbers);
        Assert.Equal(8, warning.LineNumber);
    }

    [Fact]
    public void Read_GapsInNumbers_ReportsMissingPerFile()
    {
        var text = NzbSamples.WithSegments("""
            <segment bytes="10" number="5">e@x</segment>
            <segment bytes="10" number="2">b@x</segment>
            """);
        var result = NzbReader.Read(NzbSamples.Utf8(text));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(NzbWarningKind.MissingSegments, warning.Kind);
        Assert.Equal(0, warning.FileIndex);
        Assert.Equal([1, 3, 4], warning.SegmentNumbers);
        Assert.Contains("3 segment(s) missing", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeSegmentNumber_MissingListIsBounded()
    {
        var text = NzbSamples.WithSegments("""<segment bytes="10" number="2000000000">e@x</segment>""");
        var warning = Assert.Single(NzbReader.Read(NzbSamples.Utf8(text)).Warnings);
        Assert.Equal(SegmentChecker.MaxListedMissing, warning.SegmentNumbers.Count);
        Assert.Contains("1999999999 segment(s) missing", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<segment bytes=\"1\" number=\"x\">a@x</segment>", NzbWarningKind.InvalidSegmentNumber)]
    [InlineData("<segment bytes=\"1\" number=\"0\">a@x</segment>", NzbWarningKind.InvalidSegmentNumber)]
    [InlineData("<segment bytes=\"1\" number=\"-3\">a@x</segment>", NzbWarningKind.InvalidSegmentNumber)]
    [InlineData("<segment bytes=\"1\">a@x</segment>", NzbWarningKind.InvalidSegmentNumber)]
    [InlineData("<segment bytes=\"1\" number=\"99999999999\">a@x</segment>", NzbWarningKind.InvalidSegmentNumber)]
    [InlineData("<segment bytes=\"1\" number=\"1\">a b@x</segment>", NzbWarningKind.InvalidMessageId)]
    [InlineData("<segment bytes=\"1\" number=\"1\">a&#13;&#10;QUIT@x</segment>", NzbWarningKind.InvalidMessageId)]
    [InlineData("<segment bytes=\"1\" number=\"1\">a&gt;b@x</segment>", NzbWarningKind.InvalidMessageId)]
    [InlineData("<segment bytes=\"1\" number=\"1\">&lt;&gt;</segment>", NzbWarningKind.InvalidMessageId)]
    [InlineData("<segment bytes=\"1\" number=\"1\"></segment>", NzbWarningKind.InvalidMessageId)]
    public void Read_BadSegment_IsDroppedWithWarning(string segment, NzbWarningKind kind)
    {
        var result = NzbReader.Read(NzbSamples.Utf8(NzbSamples.WithSegments(segment)));
        Assert.Empty(result.Document.Files[0].Segments);
        Assert.Contains(result.Warnings, w => w.Kind == kind && w.LineNumber == 6);
        Assert.Contains(result.Warnings, w => w.Kind == NzbWarningKind.NoSegments);
    }

    [Fact]
    public void Read_NulCharacterReference_IsMalformedXml()
    {
        // XML 1.0 cannot carry NUL at all, so it fails before message-id validation.
        var text = NzbSamples.WithSegments("<segment bytes=\"1\" number=\"1\">a&#0;b@x</segment>");
        Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Utf8(text)));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("1e3")]
    public void Read_BadBytes_ReadAsZeroWithWarning(string bytes)
    {
        var text = NzbSamples.WithSegments($"<segment bytes=\"{bytes}\" number=\"1\">a@x</segment>");
        var result = NzbReader.Read(NzbSamples.Utf8(text));
        Assert.Equal(0, result.Document.Files[0].Segments[0].Bytes);
        Assert.Equal(NzbWarningKind.InvalidBytes, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Read_BadDate_IsIgnoredWithWarning()
    {
        var text = NzbSamples.WithSegments("<segment bytes=\"1\" number=\"1\">a@x</segment>").Replace("date=\"1\"", "date=\"yesterday\"", StringComparison.Ordinal);
        var result = NzbReader.Read(NzbSamples.Utf8(text));
        Assert.Null(result.Document.Files[0].Date);
        Assert.Equal(NzbWarningKind.InvalidDate, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Read_MalformedXml_ReportsLineAndPosition()
    {
        const string text = "<?xml version=\"1.0\"?>\n<nzb>\n<file subject=\"s\">\n<segments><segment number=\"1\">a@b</segmnt>\n</segments></file></nzb>";
        var e = Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Utf8(text)));
        Assert.Equal(4, e.LineNumber);
        Assert.True(e.LinePosition > 30, $"position {e.LinePosition}");
        Assert.Contains("line 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedDocument_ThrowsFormatException()
    {
        var text = NzbSamples.TwoFiles[..(NzbSamples.TwoFiles.Length / 2)];
        var e = await Assert.ThrowsAsync<NzbFormatException>(() => NzbReader.ReadAsync(NzbSamples.Latin1(text)));
        Assert.True(e.LineNumber > 10);
    }

    [Theory]
    [InlineData("<html><body/></html>")]
    [InlineData("")]
    [InlineData("   ")]
    public void Read_NotAnNzb_Throws(string text)
    {
        Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Utf8(text)));
    }

    [Fact]
    public void Read_BillionLaughs_RejectedQuickly()
    {
        var lol = string.Join("\n", Enumerable.Range(1, 9).Select(i =>
            $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var text = $"""
            <?xml version="1.0"?>
            <!DOCTYPE nzb [
            <!ENTITY lol0 "lol">
            {lol}
            ]>
            <nzb><head><meta type="title">&lol9;</meta></head></nzb>
            """;
        var started = Environment.TickCount64;
        Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Utf8(text)));
        Assert.True(Environment.TickCount64 - started < 5000);
    }

    [Fact]
    public void Read_ExternalEntity_FileIsNeverRead()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"inet-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secretFile, "SECRET-MARKER-7f3a");
        try
        {
            var uri = new Uri(secretFile).AbsoluteUri;
            foreach (var text in new[]
            {
                $"<?xml version=\"1.0\"?><!DOCTYPE nzb [<!ENTITY xxe SYSTEM \"{uri}\">]><nzb><head><meta type=\"title\">&xxe;</meta></head></nzb>",
                "<?xml version=\"1.0\"?><!DOCTYPE nzb [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><nzb><head><meta type=\"title\">&xxe;</meta></head></nzb>",
                $"<?xml version=\"1.0\"?><!DOCTYPE nzb SYSTEM \"{uri}\"><nzb><head><meta type=\"title\">x</meta></head></nzb>",
                $"<?xml version=\"1.0\"?><!DOCTYPE nzb [<!ENTITY % p SYSTEM \"{uri}\"> %p;]><nzb><head><meta type=\"title\">x</meta></head></nzb>",
            })
            {
                try
                {
                    var doc = NzbReader.Read(NzbSamples.Utf8(text)).Document;
                    Assert.DoesNotContain("SECRET-MARKER", doc.Title, StringComparison.Ordinal);
                    Assert.DoesNotContain("root:", doc.Title, StringComparison.Ordinal);
                }
                catch (NzbFormatException e)
                {
                    Assert.DoesNotContain("SECRET-MARKER", e.ToString(), StringComparison.Ordinal);
                    Assert.DoesNotContain("root:", e.ToString(), StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void Read_EntityReferenceToDeclaredEntity_IsFormatError()
    {
        const string text = "<?xml version=\"1.0\"?><!DOCTYPE nzb [<!ENTITY t \"injected\">]><nzb><head><meta type=\"title\">&t;</meta></head></nzb>";
        var e = Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Utf8(text)));
        Assert.Equal(1, e.LineNumber);
    }

    [Fact]
    public void Read_StandardDoctypeWithLoopbackDtdUrl_NothingIsFetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var text = NzbSamples.TwoFiles.Replace("http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd",
            $"http://127.0.0.1:{port}/nzb-1.1.dtd", StringComparison.Ordinal);
        var result = NzbReader.Read(NzbSamples.Latin1(text));
        Assert.Equal(2, result.Document.Files.Count);
        Thread.Sleep(50);
        Assert.False(listener.Pending(), "the reader tried to fetch the DTD");
    }

    [Fact]
    public void Read_OverCharacterLimit_Throws()
    {
        var options = new NzbReaderOptions { MaxCharacters = 200 };
        Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Latin1(NzbSamples.TwoFiles), options));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => NzbReader.ReadAsync(NzbSamples.Latin1(NzbSamples.TwoFiles), cancellationToken: cts.Token));
    }

    [Fact]
    public void Read_ElementsOutOfPlace_AreIgnored()
    {
        const string text = """
            <nzb><segments><segment number="1">stray@x</segment></segments>
            <meta type="title">not in head</meta>
            <file subject="s"><segments><segment number="1">ok@x</segment></segments></file></nzb>
            """;
        var result = NzbReader.Read(NzbSamples.Utf8(text));
        Assert.Null(result.Document.Title);
        Assert.Equal("ok@x", Assert.Single(Assert.Single(result.Document.Files).Segments).MessageId);
    }
}
