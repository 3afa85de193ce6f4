namespace Inet.Nntp.Server;

/// <summary>Information commands: LIST and its keywords, NEWGROUPS, NEWNEWS (RFC 3977 sections 7.3-7.6).</summary>
internal sealed partial class NntpSession
{
    private static readonly string[] s_overviewFormat =
        ["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", "Xref:full"];

    private async Task ListAsync(string[] args)
    {
        string keyword = args.Length >= 2 ? args[1].ToUpperInvariant() : "ACTIVE";
        string? argument = args.Length >= 3 ? args[2] : null;
        if (args.Length > 3)
        {
            await Reply(501, "Syntax: LIST [keyword [argument]]").ConfigureAwait(false);
            return;
        }
        switch (keyword)
        {
            case "ACTIVE":
                _writer.WriteStatus(215, "List of newsgroups follows");
                await WriteActiveAsync(_store.GetGroups(), argument).ConfigureAwait(false);
                break;
            case "ACTIVE.TIMES":
                _writer.WriteStatus(215, "Newsgroup creation times follow");
                foreach (var group in _store.GetGroups())
                {
                    if (!Wildmat.IsMatch(argument, group.Name))
                        continue;
                    _writer.WriteText(group.Name);
                    _writer.WriteByte((byte)' ');
                    _writer.WriteNumber(group.Created.ToUnixTimeSeconds());
                    _writer.WriteByte((byte)' ');
                    _writer.WriteLine("news@" + _options.HostName);
                    await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
                }
                _writer.WriteTerminator();
                break;
            case "NEWSGROUPS":
                _writer.WriteStatus(215, "Descriptions follow");
                foreach (var group in _store.GetGroups())
                {
                    if (!Wildmat.IsMatch(argument, group.Name))
                        continue;
                    _writer.WriteText(group.Name);
                    _writer.WriteByte((byte)'\t');
                    _writer.WriteLine(group.Description);
                    await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
                }
                _writer.WriteTerminator();
                break;
            case "OVERVIEW.FMT" when argument is null:
                WriteList(215, "Order of fields in overview database", s_overviewFormat);
                break;
            case "HEADERS" when argument is null || argument.ToUpperInvariant() is "MSGID" or "RANGE":
                WriteList(215, "Headers and metadata items supported", [":", ":bytes", ":lines"]);
                break;
            default:
                await Reply(501, "Unknown LIST keyword or bad argument").ConfigureAwait(false);
                break;
        }
    }

    private async Task NewGroupsAsync(string[] args)
    {
        if (args.Length is < 3 or > 4
            || !NntpDateArgument.TryParse(args[1], args[2], args.Length == 4 ? args[3] : null, DateTimeOffset.UtcNow, out var since))
        {
            await Reply(501, "Syntax: NEWGROUPS [yy]yymmdd hhmmss [GMT]").ConfigureAwait(false);
            return;
        }
        _writer.WriteStatus(231, "List of new newsgroups follows");
        await WriteActiveAsync(_store.GetGroups().Where(g => g.Created >= since), null).ConfigureAwait(false);
    }

    private async Task NewNewsAsync(string[] args)
    {
        if (args.Length is < 4 or > 5
            || !NntpDateArgument.TryParse(args[2], args[3], args.Length == 5 ? args[4] : null, DateTimeOffset.UtcNow, out var since))
        {
            await Reply(501, "Syntax: NEWNEWS wildmat [yy]yymmdd hhmmss [GMT]").ConfigureAwait(false);
            return;
        }
        string wildmat = args[1];
        _writer.WriteStatus(230, "List of new articles follows");
        foreach (var article in _store.GetArticlesSince(since))
        {
            if (_faults.IsMissing(article.MessageId) || !article.Locations.Any(l => Wildmat.IsMatch(wildmat, l.Group)))
                continue;
            _writer.WriteLine(article.MessageId);
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
        _writer.WriteTerminator();
    }

    /// <summary>Lines in LIST ACTIVE form: <c>name high low status</c>.</summary>
    private async Task WriteActiveAsync(IEnumerable<NntpServerGroup> groups, string? wildmat)
    {
        foreach (var group in groups)
        {
            if (!Wildmat.IsMatch(wildmat, group.Name))
                continue;
            var (_, low, high) = group.Snapshot();
            _writer.WriteText(group.Name);
            _writer.WriteByte((byte)' ');
            _writer.WriteNumber(high);
            _writer.WriteByte((byte)' ');
            _writer.WriteNumber(low);
            _writer.WriteByte((byte)' ');
            _writer.WriteByte(group.PostingAllowed && PostingAllowed ? (byte)'y' : (byte)'n');
            _writer.EndLine();
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
        _writer.WriteTerminator();
    }

    private void WriteList(int code, string text, IEnumerable<string> lines)
    {
        _writer.WriteStatus(code, text);
        foreach (string line in lines)
            _writer.WriteLine(line);
        _writer.WriteTerminator();
    }
}
