using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Inet.Core;

namespace Inet.Nntp;

public sealed partial class NntpClient
{
    /// <summary>LIST ACTIVE [wildmat] (215): groups with high and low water marks and status.</summary>
    public async IAsyncEnumerable<NewsgroupInfo> ListActiveAsync(string? wildmat = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var f in ListFieldsAsync("LIST ACTIVE", wildmat, cancellationToken).ConfigureAwait(false))
        {
            if (f.Length < 4) throw Malformed(new Reply(215, "LIST ACTIVE line: " + string.Join(' ', f)));
            yield return new NewsgroupInfo(f[0], ParseWaterMark(f[1]), ParseWaterMark(f[2]), f[3]);
        }
    }

    /// <summary>LIST ACTIVE.TIMES [wildmat] (215): when each group was created and by whom.</summary>
    public async IAsyncEnumerable<GroupCreation> ListActiveTimesAsync(string? wildmat = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var f in ListFieldsAsync("LIST ACTIVE.TIMES", wildmat, cancellationToken).ConfigureAwait(false))
        {
            if (f.Length < 2 || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                throw Malformed(new Reply(215, "LIST ACTIVE.TIMES line: " + string.Join(' ', f)));
            yield return new GroupCreation(f[0], DateTimeOffset.FromUnixTimeSeconds(seconds), f.Length > 2 ? f[2] : "");
        }
    }

    /// <summary>LIST NEWSGROUPS [wildmat] (215): group descriptions.</summary>
    public async IAsyncEnumerable<GroupDescription> ListNewsgroupsAsync(string? wildmat = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in ListLinesAsync("LIST NEWSGROUPS", wildmat, cancellationToken).ConfigureAwait(false))
        {
            var split = line.IndexOfAny([' ', '\t']);
            yield return split < 0
                ? new GroupDescription(line, "")
                : new GroupDescription(line[..split], line[(split + 1)..].Trim());
        }
    }

    /// <summary>LIST DISTRIB.PATS (215): weight, wildmat and distribution per line.</summary>
    public async IAsyncEnumerable<DistributionPattern> ListDistributionPatternsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in ListLinesAsync("LIST DISTRIB.PATS", null, cancellationToken).ConfigureAwait(false))
        {
            var f = line.Split(':', 3);
            if (f.Length < 3 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                throw Malformed(new Reply(215, "LIST DISTRIB.PATS line: " + line));
            yield return new DistributionPattern(weight, f[1], f[2]);
        }
    }

    /// <summary>LIST HEADERS (215): the headers and metadata items HDR can return.</summary>
    public async Task<IReadOnlyList<string>> ListHeadersAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<string>();
        await foreach (var line in ListLinesAsync("LIST HEADERS", null, cancellationToken).ConfigureAwait(false))
            result.Add(line);
        return result;
    }

    /// <summary>LIST OVERVIEW.FMT (215), cached; the RFC 3977 default when the server does not know it.</summary>
    public async Task<OverviewFormat> ListOverviewFormatAsync(CancellationToken cancellationToken = default)
    {
        if (_overviewFormat is not null)
            return _overviewFormat;
        var reply = await CommandAsync("LIST OVERVIEW.FMT", cancellationToken).ConfigureAwait(false);
        if (reply.Code == 215)
            _overviewFormat = OverviewFormat.Parse(await ReadTextLinesAsync(cancellationToken).ConfigureAwait(false));
        else if (reply.Code is 500 or 501 or 503)
            _overviewFormat = OverviewFormat.Default;
        else
            throw Refusal(reply);
        return _overviewFormat;
    }

    /// <summary>NEWGROUPS (231): groups created since <paramref name="since"/>.</summary>
    public async IAsyncEnumerable<NewsgroupInfo> NewGroupsAsync(DateTimeOffset since,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await ExpectAsync("NEWGROUPS " + FormatDate(since), 231, cancellationToken).ConfigureAwait(false);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            var f = Fields(Encoding.UTF8.GetString(line.Span));
            if (f.Length == 0) continue;
            yield return new NewsgroupInfo(f[0], f.Length > 1 ? ParseWaterMark(f[1]) : 0, f.Length > 2 ? ParseWaterMark(f[2]) : 0, f.Length > 3 ? f[3] : "");
        }
    }

    /// <summary>NEWNEWS wildmat date (230): message-ids of articles that arrived since <paramref name="since"/>.</summary>
    public async IAsyncEnumerable<string> NewNewsAsync(string wildmat, DateTimeOffset since,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CommandGuard.CheckToken(wildmat, nameof(wildmat));
        await ExpectAsync("NEWNEWS " + wildmat + " " + FormatDate(since), 230, cancellationToken).ConfigureAwait(false);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
            yield return Encoding.UTF8.GetString(line.Span);
    }

    /// <summary>
    /// OVER (224), falling back to XOVER (RFC 2980) when the server does not know OVER. Lines are
    /// parsed with LIST OVERVIEW.FMT into typed records as they arrive. A range with no articles
    /// in it (423, or 420 from XOVER) yields nothing, as an empty folder lists nothing; without a
    /// range (the current article) the refusal is thrown.
    /// </summary>
    public async IAsyncEnumerable<OverviewRecord> OverAsync(ArticleRange? range = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var format = await ListOverviewFormatAsync(cancellationToken).ConfigureAwait(false);
        var argument = range is null ? "" : " " + range;
        Reply reply;
        if (_overSupported != false)
        {
            reply = await CommandAsync("OVER" + argument, cancellationToken).ConfigureAwait(false);
            if (reply.Code is 500)
            {
                _overSupported = false;
                reply = await CommandAsync("XOVER" + argument, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _overSupported = true;
            }
        }
        else
        {
            reply = await CommandAsync("XOVER" + argument, cancellationToken).ConfigureAwait(false);
        }
        if (range is not null && IsEmptyRange(reply))
            yield break;
        if (reply.Code != 224)
            throw Refusal(reply);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!OverviewParser.TryParse(line.Span, format, out var record))
                throw Malformed(new Reply(224, "overview line: " + Printable.Escape(line.Span)));
            yield return record;
        }
    }

    /// <summary>OVER for one article by message-id (number 0 in the result when the server gives none).</summary>
    public IAsyncEnumerable<OverviewRecord> OverAsync(ArticleId article, CancellationToken cancellationToken = default) =>
        OverByArgumentAsync(article, cancellationToken);

    /// <summary>
    /// HDR header range (225), falling back to XHDR (221) when HDR is unknown. A range with no
    /// articles in it (423, or 420 from XHDR) yields nothing; without a range the refusal is thrown.
    /// </summary>
    public IAsyncEnumerable<HeaderValue> HdrAsync(string header, ArticleRange? range = null, CancellationToken cancellationToken = default) =>
        HeaderLinesAsync(header, range?.ToString(), emptyRangeIsListing: range is not null, cancellationToken);

    /// <summary>HDR for one article by message-id or the current article; a missing article is thrown.</summary>
    public IAsyncEnumerable<HeaderValue> HdrAsync(string header, ArticleId article, CancellationToken cancellationToken = default) =>
        HeaderLinesAsync(header, article.IsCurrent ? null : article.ToString(), emptyRangeIsListing: false, cancellationToken);

    /// <summary>XHDR written to a stream as "number value" lines, like nntplib's <c>xhdr(hdr, range, file=)</c>.</summary>
    public async Task<int> CopyHdrToAsync(string header, ArticleRange range, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var count = 0;
        await foreach (var value in HdrAsync(header, range, cancellationToken).ConfigureAwait(false))
        {
            var bytes = Encoding.UTF8.GetBytes(value.Number.ToString(CultureInfo.InvariantCulture) + " " + value.Value + "\r\n");
            await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            count++;
        }
        return count;
    }

    /// <summary>XPAT header range pattern... (221, RFC 2980) where the server offers it.</summary>
    public async IAsyncEnumerable<HeaderValue> XPatAsync(string header, ArticleRange range, IEnumerable<string> patterns,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CommandGuard.CheckToken(header, nameof(header));
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.Select(p => CommandGuard.CheckToken(p, nameof(patterns))).ToList();
        if (list.Count == 0) throw new ArgumentException("At least one pattern is needed.", nameof(patterns));
        await ExpectAsync($"XPAT {header} {range} {string.Join(' ', list)}", 221, cancellationToken).ConfigureAwait(false);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
            yield return ParseHeaderLine(line.Span);
    }

    private async IAsyncEnumerable<OverviewRecord> OverByArgumentAsync(ArticleId article,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var format = await ListOverviewFormatAsync(cancellationToken).ConfigureAwait(false);
        await ExpectAsync(WithArgument("OVER", article), 224, cancellationToken).ConfigureAwait(false);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!OverviewParser.TryParse(line.Span, format, out var record))
                throw Malformed(new Reply(224, "overview line: " + Printable.Escape(line.Span)));
            yield return record;
        }
    }

    private async IAsyncEnumerable<HeaderValue> HeaderLinesAsync(string header, string? argument, bool emptyRangeIsListing,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CommandGuard.CheckToken(header, nameof(header));
        var suffix = " " + header + (argument is null ? "" : " " + argument);
        Reply reply;
        if (_hdrSupported != false)
        {
            reply = await CommandAsync("HDR" + suffix, cancellationToken).ConfigureAwait(false);
            _hdrSupported = reply.Code != 500;
            if (reply.Code == 500)
                reply = await CommandAsync("XHDR" + suffix, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            reply = await CommandAsync("XHDR" + suffix, cancellationToken).ConfigureAwait(false);
        }
        if (emptyRangeIsListing && IsEmptyRange(reply))
            yield break;
        if (reply.Code is not (225 or 221))
            throw Refusal(reply);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
            yield return ParseHeaderLine(line.Span);
    }

    /// <summary>
    /// "No articles in that range": 423 (RFC 3977), or 420 from servers that answer XOVER/XHDR as
    /// RFC 2980 has it. Only asked when a range was sent, so 420 cannot mean "no current article".
    /// </summary>
    private static bool IsEmptyRange(Reply reply) => reply.Code is 423 or 420;

    private HeaderValue ParseHeaderLine(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf((byte)' ');
        var numberPart = space < 0 ? line : line[..space];
        // XHDR by message-id answers "<id> value"; HDR answers "0 value".
        if (numberPart.Length > 0 && numberPart[0] == (byte)'<')
            return new HeaderValue(0, space < 0 ? "" : Encoding.UTF8.GetString(line[(space + 1)..]));
        if (!System.Buffers.Text.Utf8Parser.TryParse(numberPart, out long number, out var used) || used != numberPart.Length)
            throw Malformed(new Reply(225, "header line: " + Printable.Escape(line)));
        return new HeaderValue(number, space < 0 ? "" : Encoding.UTF8.GetString(line[(space + 1)..]));
    }

    private async IAsyncEnumerable<string[]> ListFieldsAsync(string command, string? wildmat,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in ListLinesAsync(command, wildmat, cancellationToken).ConfigureAwait(false))
        {
            var f = Fields(line);
            if (f.Length > 0)
                yield return f;
        }
    }

    private async IAsyncEnumerable<string> ListLinesAsync(string command, string? wildmat,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (wildmat is not null)
            CommandGuard.CheckToken(wildmat, nameof(wildmat));
        await ExpectAsync(wildmat is null ? command : command + " " + wildmat, 215, cancellationToken).ConfigureAwait(false);
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
            yield return Encoding.UTF8.GetString(line.Span);
    }

    private static long ParseWaterMark(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string FormatDate(DateTimeOffset since) =>
        since.UtcDateTime.ToString("yyyyMMdd HHmmss", CultureInfo.InvariantCulture) + " GMT";
}
