using System.Globalization;
using System.Text;

namespace Inet.Nntp.Server;

/// <summary>
/// A validated article before it is numbered: headers (with Message-ID, Date and Path filled in
/// when missing, any Xref removed) and a CRLF-normalised body. Built from raw, unstuffed bytes.
/// </summary>
public sealed class NntpArticleDraft
{
    private NntpArticleDraft(string messageId, IReadOnlyList<string> newsgroups, IReadOnlyList<NntpHeaderField> headers, byte[] headerBytes, byte[] body)
    {
        MessageId = messageId;
        Newsgroups = newsgroups;
        Headers = headers;
        HeaderBytes = headerBytes;
        Body = body;
    }

    /// <summary>The article's Message-ID, with angle brackets.</summary>
    public string MessageId { get; }

    /// <summary>The groups named in the Newsgroups header, in order, without duplicates.</summary>
    public IReadOnlyList<string> Newsgroups { get; }

    /// <summary>Every header in order, values unfolded.</summary>
    public IReadOnlyList<NntpHeaderField> Headers { get; }

    /// <summary>The header section as CRLF lines (without the blank separator line).</summary>
    internal byte[] HeaderBytes { get; }

    /// <summary>The body as CRLF lines, not dot-stuffed.</summary>
    internal byte[] Body { get; }

    /// <summary>
    /// Parses and validates an article (headers, blank line, body; CRLF or LF line ends, not dot-stuffed).
    /// Throws <see cref="NntpArticleRejectedException"/> when it is not acceptable.
    /// </summary>
    public static NntpArticleDraft Parse(ReadOnlySpan<byte> article, string pathHost, DateTimeOffset now)
    {
        var headers = new List<NntpHeaderField>();
        var headerBytes = new MemoryStream();
        int position = 0;
        bool keepCurrent = true;
        var pending = new StringBuilder();
        string? pendingName = null;
        while (position < article.Length)
        {
            var line = NextLine(article, ref position);
            if (line.IsEmpty)
                break;
            if (line.IndexOfAny((byte)0, (byte)'\r') >= 0)
                throw new NntpArticleRejectedException("NUL or bare CR in a header line");
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (pendingName is null)
                    throw new NntpArticleRejectedException("Header continuation line without a header");
                pending.Append(Encoding.UTF8.GetString(line));
                if (keepCurrent)
                    AppendLine(headerBytes, line);
                continue;
            }
            Flush(headers, ref pendingName, pending);
            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsFieldName(line[..colon]))
                throw new NntpArticleRejectedException("Malformed header line");
            pendingName = Encoding.ASCII.GetString(line[..colon]);
            pending.Append(Encoding.UTF8.GetString(line[(colon + 1)..]));
            // A client-supplied Xref is dropped: the store writes its own.
            keepCurrent = !pendingName.Equals("Xref", StringComparison.OrdinalIgnoreCase);
            if (keepCurrent)
                AppendLine(headerBytes, line);
        }
        Flush(headers, ref pendingName, pending);

        Required(headers, "From");
        Required(headers, "Subject");
        string newsgroupsValue = Required(headers, "Newsgroups");
        var groups = ParseNewsgroups(newsgroupsValue);

        string? messageId = Find(headers, "Message-ID");
        if (messageId is null)
        {
            messageId = string.Create(CultureInfo.InvariantCulture, $"<{Guid.NewGuid():N}@{pathHost}>");
            AddGenerated(headers, headerBytes, "Message-ID", messageId);
        }
        else if (!NntpMessageId.IsValid(messageId))
        {
            throw new NntpArticleRejectedException("Malformed Message-ID");
        }
        if (Find(headers, "Date") is null)
            AddGenerated(headers, headerBytes, "Date", now.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        if (Find(headers, "Path") is null)
            AddGenerated(headers, headerBytes, "Path", pathHost + "!not-for-mail");
        headers.RemoveAll(h => h.Name.Equals("Xref", StringComparison.OrdinalIgnoreCase));

        byte[] body = NormaliseBody(article[position..]);
        return new NntpArticleDraft(messageId, groups, headers, headerBytes.ToArray(), body);
    }

    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> text, ref int position)
    {
        var rest = text[position..];
        int lf = rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (lf < 0)
        {
            line = rest;
            position = text.Length;
        }
        else
        {
            line = rest[..lf];
            position += lf + 1;
        }
        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    private static bool IsFieldName(ReadOnlySpan<byte> name)
    {
        foreach (byte b in name)
        {
            if (b is <= 32 or >= 127)
                return false;
        }
        return true;
    }

    private static void AppendLine(MemoryStream target, ReadOnlySpan<byte> line)
    {
        target.Write(line);
        target.Write("\r\n"u8);
    }

    private static void Flush(List<NntpHeaderField> headers, ref string? name, StringBuilder value)
    {
        if (name is null)
            return;
        headers.Add(new NntpHeaderField(name, value.ToString().Trim()));
        name = null;
        value.Clear();
    }

    private static string? Find(List<NntpHeaderField> headers, string name)
    {
        foreach (var header in headers)
        {
            if (header.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return header.Value;
        }
        return null;
    }

    private static string Required(List<NntpHeaderField> headers, string name)
    {
        string? value = Find(headers, name);
        if (string.IsNullOrWhiteSpace(value))
            throw new NntpArticleRejectedException($"Missing {name} header");
        return value;
    }

    private static List<string> ParseNewsgroups(string value)
    {
        var groups = new List<string>();
        foreach (string raw in value.Split(','))
        {
            string name = raw.Trim();
            if (name.Length == 0)
                continue;
            if (!NntpGroupName.IsValid(name))
                throw new NntpArticleRejectedException("Malformed Newsgroups header");
            if (!groups.Contains(name))
                groups.Add(name);
        }
        if (groups.Count == 0)
            throw new NntpArticleRejectedException("Missing Newsgroups header");
        return groups;
    }

    private static void AddGenerated(List<NntpHeaderField> headers, MemoryStream bytes, string name, string value)
    {
        headers.Add(new NntpHeaderField(name, value));
        bytes.Write(Encoding.UTF8.GetBytes($"{name}: {value}\r\n"));
    }

    private static byte[] NormaliseBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return [];
        if (IsCrlfOnly(body))
            return body.ToArray();
        var output = new MemoryStream(body.Length + body.Length / 32 + 2);
        int position = 0;
        while (position < body.Length)
        {
            output.Write(NextLine(body, ref position));
            output.Write("\r\n"u8);
        }
        return output.ToArray();
    }

    /// <summary>True when every line already ends with CRLF (the usual case): the body can be copied as is.</summary>
    private static bool IsCrlfOnly(ReadOnlySpan<byte> body)
    {
        if (body[^1] != (byte)'\n')
            return false;
        int position = 0;
        while (position < body.Length)
        {
            int lf = body[position..].IndexOf((byte)'\n');
            if (lf < 0)
                return true;
            int at = position + lf;
            if (at == 0 || body[at - 1] != (byte)'\r')
                return false;
            position = at + 1;
        }
        return true;
    }
}
