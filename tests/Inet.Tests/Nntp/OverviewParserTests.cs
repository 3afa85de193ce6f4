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

    [Fact]
    public void Fields_are_right_after_the_source_buffer_is_overwritten()
    {
        var buffer = new byte[512];
        var records = new List<OverviewRecord>();
        for (var i = 0; i < 3; i++)
        {
            Array.Fill(buffer, (byte)'#');
            var length = Encoding.UTF8.GetBytes($"{i + 1}\tSubj {i}\tF{i}\tD{i}\t<{i}@x>\t<r{i}@x>\t{100 + i}\t{i}\tXref: h g:{i}\t\tNG{i}", buffer);
            Assert.True(OverviewParser.TryParse(buffer.AsSpan(0, length), TwoExtras, out var record));
            records.Add(record);
        }
        Array.Fill(buffer, (byte)'#');

        for (var i = 0; i < 3; i++)
        {
            var r = records[i];
            Assert.Equal((i + 1L, $"Subj {i}", $"F{i}", $"D{i}", $"<{i}@x>", $"<r{i}@x>", 100L + i, (long)i),
                (r.Number, r.Subject, r.From, r.Date, r.MessageId, r.References, r.Bytes, r.Lines));
            Assert.Equal([new("Xref", $"h g:{i}"), new("Newsgroups", $"NG{i}")], r.Extra);
        }
    }

    [Fact]
    public void Utf8_and_invalid_bytes_decode_lazily_from_the_copy()
    {
        var bytes = Encoding.UTF8.GetBytes("9\tGrüße\tZoë\tD\t<a@b>\t\t1\t1\tXref: ü h:1").ToList();
        bytes.Insert(bytes.IndexOf((byte)'D'), 0xC3); // a lead byte without its continuation
        var buffer = bytes.ToArray();
        Assert.True(OverviewParser.TryParse(buffer, OverviewFormat.Default, out var record));
        buffer.AsSpan().Fill(0xFF);

        Assert.Equal("\uFFFDD", record.Date);
        Assert.Equal("Grüße", record.Subject);
        Assert.Equal("Zoë", record.From);
        Assert.Equal("ü h:1", record.GetExtra("Xref"));
        Assert.Equal("", record.References);
    }

    [Fact]
    public void A_field_is_decoded_once_and_then_reused()
    {
        var record = Parse("7\tS\tF\tD\t<a@b>\t\t100\t5\tXref: h g:7", OverviewFormat.Default);

        Assert.Same(record.Subject, record.Subject);
        Assert.Same(record.Extra, record.Extra);
        Assert.Same(record.GetExtra("Xref"), record.GetExtra("Xref"));
    }

    [Fact]
    public void Many_short_and_some_long_lines_keep_their_own_bytes()
    {
        // Enough lines to fill several shared blocks, and lines too long to share one.
        var buffer = new byte[40_000];
        var records = new List<OverviewRecord>();
        for (var i = 0; i < 3000; i++)
        {
            var subject = new string((char)('a' + i % 26), i % 7 == 0 ? 9000 + i : 50 + i % 200);
            var length = Encoding.UTF8.GetBytes($"{i}\t{subject}\tF\tD\t<{i}@x>\t\t{i}\t1", buffer);
            Assert.True(OverviewParser.TryParse(buffer.AsSpan(0, length), OverviewFormat.Default, out var record));
            records.Add(record);
        }

        for (var i = 0; i < records.Count; i++)
        {
            var subject = records[i].Subject;
            Assert.Equal(i % 7 == 0 ? 9000 + i : 50 + i % 200, subject.Length);
            Assert.True(subject.All(c => c == (char)('a' + i % 26)));
            Assert.Equal($"<{i}@x>", records[i].MessageId);
        }
    }

    [Fact]
    public void Records_parsed_on_several_threads_stay_apart()
    {
        var records = new OverviewRecord[4000];
        Parallel.For(0, records.Length, i =>
        {
            var line = Encoding.UTF8.GetBytes($"{i}\tSubject {i}\tF\tD\t<{i}@x>\t\t{i}\t1\tXref: h g:{i}");
            Assert.True(OverviewParser.TryParse(line, OverviewFormat.Default, out records[i]));
            line.AsSpan().Clear();
        });

        Assert.All(Enumerable.Range(0, records.Length), i =>
        {
            Assert.Equal($"Subject {i}", records[i].Subject);
            Assert.Equal($"h g:{i}", records[i].GetExtra("Xref"));
        });
    }

    [Fact]
    public void Records_built_from_strings_return_them_and_compare_by_reference()
    {
        var extra = new[] { new KeyValuePair<string, string>("Xref", "h g:1") };
        var a = new OverviewRecord(1, "S", "F", "Fri, 31 May 2024 12:00:00 +0000", "<1@x>", "<0@x>", 10, 2, extra);
        var b = new OverviewRecord(1, "S", "F", "Fri, 31 May 2024 12:00:00 +0000", "<1@x>", "<0@x>", 10, 2, extra);

        Assert.Equal(("S", "F", "<1@x>", "<0@x>", 10L, 2L), (a.Subject, a.From, a.MessageId, a.References, a.Bytes, a.Lines));
        Assert.Equal("h g:1", a.GetExtra("Xref"));
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 12, 0, 0, TimeSpan.Zero), a.ParsedDate);
        Assert.NotEqual(a, b);
        Assert.Throws<ArgumentNullException>(() => new OverviewRecord(1, null!, "F", "D", "<1@x>", "", 0, 0, []));
    }
}
