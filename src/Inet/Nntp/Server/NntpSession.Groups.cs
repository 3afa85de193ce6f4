namespace Inet.Nntp.Server;

/// <summary>Group and article selection: GROUP, LISTGROUP, LAST, NEXT (RFC 3977 section 6.1).</summary>
internal sealed partial class NntpSession
{
    private Task GroupAsync(string[] args)
    {
        if (args.Length != 2)
            return Reply(501, "Syntax: GROUP newsgroup");
        var group = _store.FindGroup(args[1]);
        if (group is null)
            return Reply(411, "No such newsgroup");
        var (count, low, high) = group.Snapshot();
        _group = group;
        _current = count > 0 ? low : 0;
        WriteGroupStatus(count, low, high, group.Name, null);
        return Task.CompletedTask;
    }

    private async Task ListGroupAsync(string[] args)
    {
        if (args.Length > 3)
        {
            await Reply(501, "Syntax: LISTGROUP [newsgroup [range]]").ConfigureAwait(false);
            return;
        }
        var group = _group;
        if (args.Length >= 2)
        {
            group = _store.FindGroup(args[1]);
            if (group is null)
            {
                await Reply(411, "No such newsgroup").ConfigureAwait(false);
                return;
            }
        }
        if (group is null)
        {
            await Reply(412, "No newsgroup selected").ConfigureAwait(false);
            return;
        }
        var range = new RangeArgument(1, long.MaxValue);
        if (args.Length == 3 && !RangeArgument.TryParse(args[2], out range))
        {
            await Reply(501, "Invalid range").ConfigureAwait(false);
            return;
        }
        var (count, low, high) = group.Snapshot();
        _group = group;
        _current = count > 0 ? low : 0;
        WriteGroupStatus(count, low, high, group.Name, "list follows");
        foreach (var (number, article) in group.Range(range.Low, Math.Min(range.High, high)))
        {
            if (_faults.IsMissing(article.MessageId))
                continue;
            _writer.WriteNumber(number);
            _writer.EndLine();
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
        _writer.WriteTerminator();
    }

    private Task NextAsync(string[] args, bool forward)
    {
        if (args.Length != 1)
            return Reply(501, forward ? "Syntax: NEXT" : "Syntax: LAST");
        if (_group is null)
            return Reply(412, "No newsgroup selected");
        if (_current == 0)
            return Reply(420, "Current article number is invalid");
        long high = _group.High;
        for (long n = forward ? _current + 1 : _current - 1; n >= 1 && n <= high; n += forward ? 1 : -1)
        {
            var article = _group.Find(n);
            if (article is null || _faults.IsMissing(article.MessageId))
                continue;
            _current = n;
            WriteArticleStatus(223, n, article.MessageId, "Article found");
            return Task.CompletedTask;
        }
        return forward ? Reply(421, "No next article in this group") : Reply(422, "No previous article in this group");
    }

    private void WriteGroupStatus(long count, long low, long high, string name, string? suffix)
    {
        _writer.WriteNumber(211);
        _writer.WriteByte((byte)' ');
        _writer.WriteNumber(count);
        _writer.WriteByte((byte)' ');
        _writer.WriteNumber(low);
        _writer.WriteByte((byte)' ');
        _writer.WriteNumber(high);
        _writer.WriteByte((byte)' ');
        _writer.WriteText(name);
        if (suffix is not null)
        {
            _writer.WriteByte((byte)' ');
            _writer.WriteText(suffix);
        }
        _writer.EndLine();
    }

    private void WriteArticleStatus(int code, long number, string messageId, string text)
    {
        _writer.WriteNumber(code);
        _writer.WriteByte((byte)' ');
        _writer.WriteNumber(number);
        _writer.WriteByte((byte)' ');
        _writer.WriteText(messageId);
        _writer.WriteByte((byte)' ');
        _writer.WriteText(text);
        _writer.EndLine();
    }
}
