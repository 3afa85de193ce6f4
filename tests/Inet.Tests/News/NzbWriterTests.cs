using System.Text;
using FsCheck.Xunit;
using Inet.News.Nzb;

namespace Inet.Tests.News;

public class NzbWriterTests
{
    [Property(Arbitrary = [typeof(NzbArbitraries)], MaxTest = 200)]
    public void WriteThenRead_RoundTripsEverything(NzbDocument original)
    {
        using var stream = new MemoryStream();
        NzbWriter.Write(original, stream);
        stream.Position = 0;
        var read = NzbReader.Read(stream);
        var copy = read.Document;

        Assert.Equal(original.Meta, copy.Meta);
        Assert.Equal(original.Files.Count, copy.Files.Count);
        for (var i = 0; i < original.Files.Count; i++)
        {
            var (a, b) = (original.Files[i], copy.Files[i]);
            Assert.Equal(a.Subject, b.Subject);
            Assert.Equal(a.Poster, b.Poster);
            Assert.Equal(a.Date, b.Date);
            Assert.Equal(a.Groups, b.Groups);
            var expected = a.Segments.OrderBy(s => s.Number)
                .Select(s => s with { MessageId = s.MessageId.Trim('<', '>') });
            Assert.Equal(expected, b.Segments);
        }
        Assert.DoesNotContain(read.Warnings, w => w.Kind != NzbWarningKind.NoSegments);
    }

    [Fact]
    public void Write_ProducesStandardDoctypeNamespaceAndEscaping()
    {
        var doc = new NzbDocument { Title = "A & B <c>" };
        var file = new NzbFile { Subject = "\"x.bin\" yEnc (1/1)", Poster = "P <p@h>", Date = DateTimeOffset.FromUnixTimeSeconds(1071674882) };
        file.Groups.Add("alt.binaries.test");
        file.Segments.Add(new NzbSegment(1, 100, "<id@host>"));
        doc.Files.Add(file);

        using var stream = new MemoryStream();
        NzbWriter.Write(doc, stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Contains("<!DOCTYPE nzb PUBLIC \"-//newzBin//DTD NZB 1.1//EN\" \"http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd\">", text, StringComparison.Ordinal);
        Assert.Contains("<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">", text, StringComparison.Ordinal);
        Assert.Contains("<meta type=\"title\">A &amp; B &lt;c&gt;</meta>", text, StringComparison.Ordinal);
        Assert.Contains("subject=\"&quot;x.bin&quot; yEnc (1/1)\"", text, StringComparison.Ordinal);
        Assert.Contains("date=\"1071674882\"", text, StringComparison.Ordinal);
        Assert.Contains("<segment bytes=\"100\" number=\"1\">id@host</segment>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad\u0001char")]
    [InlineData("nul\0")]
    public void Write_UnrepresentableCharacters_ThrowsBeforeWriting(string value)
    {
        var doc = new NzbDocument { Title = value };
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => NzbWriter.Write(doc, stream));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Write_LoneSurrogate_Throws()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which would replace it.
        var doc = new NzbDocument { Title = "lone" + (char)0xD800 + "surrogate" };
        Assert.Throws<ArgumentException>(() => NzbWriter.Write(doc, new MemoryStream()));
    }

    [Theory]
    [InlineData("a b@x")]
    [InlineData("a\r\nQUIT@x")]
    [InlineData("<>")]
    public void Write_InvalidMessageId_Throws(string id)
    {
        var doc = new NzbDocument();
        var file = new NzbFile { Subject = "s" };
        file.Segments.Add(new NzbSegment(1, 1, id));
        doc.Files.Add(file);
        Assert.Throws<ArgumentException>(() => NzbWriter.Write(doc, new MemoryStream()));
    }

    [Fact]
    public void Write_GroupWithWhitespace_Throws()
    {
        var doc = new NzbDocument();
        var file = new NzbFile { Subject = "s" };
        file.Groups.Add("alt.binaries test");
        doc.Files.Add(file);
        Assert.Throws<ArgumentException>(() => NzbWriter.Write(doc, new MemoryStream()));
    }

    [Fact]
    public void SetMeta_ReplacesAllEntriesOfType()
    {
        var doc = new NzbDocument();
        doc.Meta.Add(new NzbMeta("tag", "x"));
        doc.Meta.Add(new NzbMeta("password", "one"));
        doc.Meta.Add(new NzbMeta("Password", "two"));
        doc.Password = "three";
        Assert.Equal([new NzbMeta("tag", "x"), new NzbMeta("password", "three")], doc.Meta);
        doc.Password = null;
        Assert.Null(doc.Password);
        Assert.Single(doc.Meta);
    }
}
