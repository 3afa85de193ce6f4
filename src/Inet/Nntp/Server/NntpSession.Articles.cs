namespace Inet.Nntp.Server;

/// <summary>Article retrieval: ARTICLE, HEAD, BODY, STAT (RFC 3977 section 6.2).</summary>
internal sealed partial class NntpSession
{
    private async Task RetrieveAsync(string[] args, ArticlePart part)
    {
        if (args.Length > 2)
        {
            await Reply(501, "Syntax: " + args[0].ToUpperInvariant() + " [message-id|number]").ConfigureAwait(false);
            return;
        }
        if (!TrySelect(args.Length == 2 ? args[1] : null, out long number, out var article))
            return;
        var (code, text) = part switch
        {
            ArticlePart.Article => (220, "Article follows"),
            ArticlePart.Head => (221, "Headers follow"),
            ArticlePart.Body => (222, "Body follows"),
            _ => (223, "Article exists"),
        };
        WriteArticleStatus(code, number, article.MessageId, text);
        if (part == ArticlePart.Stat)
            return;
        ReadOnlyMemory<byte> block = part switch
        {
            ArticlePart.Article => article.WireArticle,
            ArticlePart.Head => article.WireHead,
            _ => article.WireBody,
        };
        if (part != ArticlePart.Head && _faults.IsCorrupt(article.MessageId))
            block = ArticleCorruptor.Corrupt(block, part == ArticlePart.Article ? article.WireHead.Length + 2 : 0);
        await _writer.WriteBlockAsync(block, Token).ConfigureAwait(false);
        _writer.WriteTerminator();
    }

    /// <summary>
    /// Resolves the article argument per RFC 3977 6.2.1.2 and queues the error reply when there is
    /// none: 501 bad syntax, 430 unknown message-id, 412 no group, 423 no such number, 420 no current article.
    /// A number argument makes that article the current one; a message-id leaves it alone and reports number 0.
    /// </summary>
    private bool TrySelect(string? argument, out long number, out NntpServerArticle article)
    {
        number = 0;
        article = null!;
        if (argument is not null && argument.StartsWith('<'))
        {
            if (!NntpMessageId.IsValid(argument))
            {
                _writer.WriteStatus(501, "Malformed message-id");
                return false;
            }
            var found = _store.FindArticle(argument);
            if (found is null || _faults.IsMissing(found.MessageId))
            {
                _writer.WriteStatus(430, "No article with that message-id");
                return false;
            }
            article = found;
            return true;
        }
        long wanted = 0;
        if (argument is not null && !RangeArgument.TryNumber(argument, out wanted))
        {
            _writer.WriteStatus(501, "Expected a message-id or an article number");
            return false;
        }
        if (_group is null)
        {
            _writer.WriteStatus(412, "No newsgroup selected");
            return false;
        }
        if (argument is null)
        {
            var current = _current == 0 ? null : _group.Find(_current);
            if (current is null || _faults.IsMissing(current.MessageId))
            {
                _writer.WriteStatus(420, "Current article number is invalid");
                return false;
            }
            number = _current;
            article = current;
            return true;
        }
        var byNumber = _group.Find(wanted);
        if (byNumber is null || _faults.IsMissing(byNumber.MessageId))
        {
            _writer.WriteStatus(423, "No article with that number");
            return false;
        }
        _current = wanted;
        number = wanted;
        article = byNumber;
        return true;
    }
}
