using System.Text;
using Inet.Nntp;
using Xunit;

namespace Inet.Tests.Nntp;

public sealed class OverviewParserTests
{
    private static readonly OverviewFormat TwoExtras =
        OverviewFormat.Parse(["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", "Xref:full", "X-Trace:full", "Newsgroups:"]);

    private static OverviewRecord Parse(string line, OverviewFormat format)
    {
        Assert.True(OverviewParser.TryParse(Encoding.UTF8.GetBytes(line), format, out var record));
        return record;
    }

    [Fact]
    public void Extra_fields_keep_format_order_and_skip_empty_ones()
    {
        var record = Parse("7\tS\tF\tD\t<a@b>\t\t100\t5\tXref: h g:7\t\talt.test", TwoExtras);

        Assert.Equal(["Xref", "Newsgroups"], record.Extra.Select(p => p.Key));
        Assert.Equal("h g:7", record.GetExtra("Xref"));
        Assert.Null(record.GetExtra("X-Trace"));
        Assert.Equal("alt.test", record.GetExtra("Newsgroups"));
    }

    [Fact]
    public void All_extra_fields_empty_or_missing_give_an_empty_list()
    {
        Assert.Empty(Parse("7\tS\tF\tD\t<a@b>\t\t100\t5\t\t", TwoExtras).Extra);
        Assert.Empty(Parse("7\tS\tF\tD\t<a@b>\t\t100\t5", TwoExtras).Extra);
    }

    [Fact]
    public void Every_extra_field_present_is_kept()
    {
        var record = Parse("7\tS\tF\tD\t<a@b>\t\t100\t5\tXref: h g:7\tX-Trace: t 1\tNewsgroups: a.b", TwoExtras);

        Assert.Equal(3, record.Extra.Count);
        Assert.Equal("t 1", record.GetExtra("X-Trace"));
        Assert.Equal("Newsgroups: a.b", record.GetExtra("Newsgroups")); // not "full": kept as sent
        Assert.Equal(100, record.Bytes);
        Assert.Equal(5, record.Lines);
    }

    [Fact]
    public void Ascii_utf8_and_invalid_bytes_decode_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("9\tGrüße – Prüfsummen\tZoë <z@example.de>\tD\t<a@b>\t\t1\t1").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'D'), new byte[] { 0xFF, (byte)'x' });
        Assert.True(OverviewParser.TryParse(bytes.ToArray(), OverviewFormat.Default, out var record));

        Assert.Equal("Grüße – Prüfsummen", record.Subject);
        Assert.Equal("Zoë <z@example.de>", record.From);
        Assert.Equal("\uFFFDxD", record.Date);
        Assert.Equal("<a@b>", record.MessageId);
    }
}
