using System.Buffers;
using System.Text;
using Inet.Core;

namespace Inet.Nntp.Server;

/// <summary>
/// A stored, numbered article. Its bytes are kept once, already dot-stuffed with CRLF line ends,
/// so ARTICLE/HEAD/BODY are slices of one buffer written as they are.
/// </summary>
public sealed class NntpServerArticle
{
    private readonly ReadOnlyMemory<byte> _wire;
    private readonly int _headerEnd;

    private NntpServerArticle(NntpArticleDraft draft, IReadOnlyList<NntpArticleLocation> locations, string xref, DateTimeOffset arrived, ReadOnlyMemory<byte> wire, int headerEnd, long bytes, int lines)
    {
        MessageId = draft.MessageId;
        Locations = locations;
        Arrived = arrived;
        _wire = wire;
        _headerEnd = headerEnd;
        Bytes = bytes;
        Lines = lines;
        var headers = new List<NntpHeaderField>(draft.Headers) { new("Xref", xref) };
        Headers = headers;
        Subject = GetHeader("Subject") ?? "";
        From = GetHeader("From") ?? "";
        Date = GetHeader("Date") ?? "";
        References = GetHeader("References") ?? "";
        Xref = xref;
    }

    /// <summary>The Message-ID with angle brackets.</summary>
    public string MessageId { get; }

    /// <summary>The groups and numbers the article was filed under (its Xref entries).</summary>
    public IReadOnlyList<NntpArticleLocation> Locations { get; }

    /// <summary>When the server received it (used by NEWNEWS).</summary>
    public DateTimeOffset Arrived { get; }

    /// <summary>Every header, values unfolded, including the server's Xref.</summary>
    public IReadOnlyList<NntpHeaderField> Headers { get; }

    public string Subject { get; }

    public string From { get; }

    public string Date { get; }

    public string References { get; }

    /// <summary>The Xref header value: <c>host group:number ...</c>.</summary>
    public string Xref { get; }

    /// <summary>Size of the article in octets (CRLF line ends, not dot-stuffed): the <c>:bytes</c> metadata.</summary>
    public long Bytes { get; }

    /// <summary>Number of body lines: the <c>:lines</c> metadata.</summary>
    public int Lines { get; }

    /// <summary>Whole article, dot-stuffed, CRLF, without the terminating dot line.</summary>
    internal ReadOnlyMemory<byte> WireArticle => _wire;

    /// <summary>Header section, dot-stuffed, ending with the last header's CRLF.</summary>
    internal ReadOnlyMemory<byte> WireHead => _wire[.._headerEnd];

    /// <summary>Body, dot-stuffed, each line ending with CRLF (empty for an empty body).</summary>
    internal ReadOnlyMemory<byte> WireBody => _wire[(_headerEnd + 2)..];

    /// <summary>The first value of a header, or null when the article has none.</summary>
    public string? GetHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (header.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return header.Value;
        }
        return null;
    }

    /// <summary>The article as a client posted it (CRLF, not dot-stuffed), with the server's Xref.</summary>
    public byte[] ToRawArticle() => DotStuffing.Unstuff(_wire.Span);

    /// <summary>Numbers a draft: adds the Xref header and builds the dot-stuffed wire form once.</summary>
    internal static NntpServerArticle Create(NntpArticleDraft draft, IReadOnlyList<NntpArticleLocation> locations, string pathHost, DateTimeOffset arrived)
    {
        var xref = new StringBuilder(pathHost);
        foreach (var location in locations)
            xref.Append(' ').Append(location.Group).Append(':').Append(location.Number);
        string xrefValue = xref.ToString();
        byte[] xrefLine = Encoding.UTF8.GetBytes("Xref: " + xrefValue + "\r\n");

        byte[] body = draft.Body;
        int lines = 0, dots = 0;
        for (int start = 0; start < body.Length; lines++)
        {
            if (body[start] == (byte)'.')
                dots++;
            int lf = body.AsSpan(start).IndexOf((byte)'\n');
            start = lf < 0 ? body.Length : start + lf + 1;
        }
        int headerEnd = draft.HeaderBytes.Length + xrefLine.Length;
        // Sized exactly, so the writer's array is the article: no second copy.
        var wire = new ArrayBufferWriter<byte>(headerEnd + 2 + body.Length + dots);
        wire.Write(draft.HeaderBytes);
        wire.Write(xrefLine);
        wire.Write("\r\n"u8);
        var encoder = new DotStuffingEncoder();
        encoder.Encode(body, wire);
        long bytes = headerEnd + 2 + body.Length;
        return new NntpServerArticle(draft, locations, xrefValue, arrived, wire.WrittenMemory, headerEnd, bytes, lines);
    }
}
