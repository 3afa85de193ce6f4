using System.Buffers;

namespace Inet.Nntp.Server;

/// <summary>Article metadata: OVER/XOVER, HDR/XHDR and XPAT (RFC 3977 sections 8.3 and 8.5, RFC 2980).</summary>
internal sealed partial class NntpSession
{
    private static readonly SearchValues<char> s_fieldBreakers = SearchValues.Create("\t\r\n\0");

    private async Task OverAsync(string[] args)
    {
        if (args.Length > 2)
        {
            await Reply(501, "Syntax: OVER [range|message-id]").ConfigureAwait(false);
            return;
        }
        var selection = Select(args.Length == 2 ? args[1] : null);
        if (selection is null)
            return;
        _writer.WriteStatus(224, "Overview information follows");
        foreach (var (number, article) in selection)
        {
            WriteOverview(number, article);
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
        _writer.WriteTerminator();
    }

    private async Task HdrAsync(string[] args, bool legacy)
    {
        if (args.Length is < 2 or > 3)
        {
            await Reply(501, "Syntax: " + (legacy ? "XHDR" : "HDR") + " header [range|message-id]").ConfigureAwait(false);
            return;
        }
        string field = args[1];
        var selection = Select(args.Length == 3 ? args[2] : null);
        if (selection is null)
            return;
        if (legacy)
            _writer.WriteStatus(221, field + " fields follow");
        else
            _writer.WriteStatus(225, "Headers follow");
        foreach (var (number, article) in selection)
        {
            _writer.WriteNumber(number);
            _writer.WriteByte((byte)' ');
            string? value = field.ToUpperInvariant() switch
            {
                ":BYTES" => article.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ":LINES" => article.Lines.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => article.GetHeader(field),
            };
            WriteField(value ?? (legacy ? "(none)" : ""));
            _writer.EndLine();
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
        _writer.WriteTerminator();
    }

    /// <summary>XPAT (RFC 2980 2.9): header values of the selected articles that match any of the patterns.</summary>
    private async Task XPatAsync(string[] args)
    {
        if (args.Length < 4)
        {
            await Reply(501, "Syntax: XPAT header range|message-id pattern [pattern ...]").ConfigureAwait(false);
            return;
        }
        var selection = Select(args[2]);
        if (selection is null)
            return;
        string field = args[1];
        var patterns = args[3..];
        _writer.WriteStatus(221, field + " matches follow");
        foreach (var (number, article) in selection)
        {
            string? value = article.GetHeader(field);
            if (value is null || !patterns.Any(p => Wildmat.IsMatch(p, value)))
                continue;
            _writer.WriteNumber(number);
            _writer.WriteByte((byte)' ');
            WriteField(value);
            _writer.EndLine();
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
        _writer.WriteTerminator();
    }

    /// <summary>
    /// Articles named by an OVER/HDR argument (current article, range or message-id), or null after
    /// queueing the error reply. Ranges and message-ids leave the current article unchanged.
    /// </summary>
    private IReadOnlyList<(long Number, NntpServerArticle Article)>? Select(string? argument)
    {
        if (argument is null || argument.StartsWith('<'))
            return TrySelect(argument, out long number, out var article) ? [(number, article)] : null;
        if (!RangeArgument.TryParse(argument, out var range))
        {
            _writer.WriteStatus(501, "Invalid range");
            return null;
        }
        if (_group is null)
        {
            _writer.WriteStatus(412, "No newsgroup selected");
            return null;
        }
        var found = _group.Range(range.Low, range.High).Where(a => !_faults.IsMissing(a.Article.MessageId)).ToList();
        if (found.Count == 0)
        {
            _writer.WriteStatus(423, "No articles in that range");
            return null;
        }
        return found;
    }

    private void WriteOverview(long number, NntpServerArticle article)
    {
        _writer.WriteNumber(number);
        _writer.WriteByte((byte)'\t');
        WriteField(article.Subject);
        _writer.WriteByte((byte)'\t');
        WriteField(article.From);
        _writer.WriteByte((byte)'\t');
        WriteField(article.Date);
        _writer.WriteByte((byte)'\t');
        WriteField(article.MessageId);
        _writer.WriteByte((byte)'\t');
        WriteField(article.References);
        _writer.WriteByte((byte)'\t');
        _writer.WriteNumber(article.Bytes);
        _writer.WriteByte((byte)'\t');
        _writer.WriteNumber(article.Lines);
        _writer.WriteByte((byte)'\t');
        _writer.Write("Xref: "u8);
        WriteField(article.Xref);
        _writer.EndLine();
    }

    /// <summary>Writes a header value with TAB, CR, LF and NUL turned into spaces (RFC 3977 8.3.2).</summary>
    private void WriteField(string value)
    {
        if (value.AsSpan().IndexOfAny(s_fieldBreakers) < 0)
        {
            _writer.WriteText(value);
            return;
        }
        char[] copy = value.ToCharArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is '\t' or '\r' or '\n' or '\0')
                copy[i] = ' ';
        }
        _writer.WriteText(copy);
    }
}
