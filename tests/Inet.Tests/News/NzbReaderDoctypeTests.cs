using Inet.News.Nzb;

namespace Inet.Tests.News;

/// <summary>DOCTYPE and entity handling of the NZB reader.</summary>
public class NzbReaderDoctypeTests
{
    [Fact]
    public void Read_DoctypeDeclaringUnusedEntities_IsRejected()
    {
        const string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [<!ENTITY a \"b\">]>\n<nzb/>";
        var e = Assert.Throws<NzbFormatException>(() => NzbReader.Read(NzbSamples.Utf8(text)));
        Assert.Contains("entities", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DoctypeDeclaringEntities_IsRejectedWithLine()
    {
        const string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [\n<!ELEMENT nzb ANY>\n<!ENTITY a SYSTEM \"file:///etc/passwd\">]>\n<nzb/>";
        var e = await Assert.ThrowsAsync<NzbFormatException>(() => NzbReader.ReadAsync(NzbSamples.Utf8(text)));
        Assert.Equal(4, e.LineNumber);
    }

    [Fact]
    public void Read_EntityTextAfterRootElement_IsJustText()
    {
        const string text = "<nzb><head><meta type=\"title\"><![CDATA[<!ENTITY x>]]></meta></head></nzb>";
        Assert.Equal("<!ENTITY x>", NzbReader.Read(NzbSamples.Utf8(text)).Document.Title);
    }
}
