namespace Inet.Nntp.Server;

/// <summary>Article posting and transfer: POST (RFC 3977 6.3.1) and IHAVE (6.3.2).</summary>
internal sealed partial class NntpSession
{
    private async Task PostAsync(string[] args)
    {
        if (args.Length != 1)
        {
            await Reply(501, "Syntax: POST").ConfigureAwait(false);
            return;
        }
        if (!PostingAllowed)
        {
            await Reply(440, "Posting not permitted").ConfigureAwait(false);
            return;
        }
        _writer.WriteStatus(340, "Send article to be posted. End with <CR-LF>.<CR-LF>");
        var (article, error) = await ReadArticleAsync().ConfigureAwait(false);
        await DelayAsync().ConfigureAwait(false);
        if (article is null)
        {
            await Reply(441, error!).ConfigureAwait(false);
            return;
        }
        try
        {
            var draft = NntpArticleDraft.Parse(article, _store.PathHost, DateTimeOffset.UtcNow);
            foreach (string name in draft.Newsgroups)
            {
                if (_store.FindGroup(name) is { PostingAllowed: false })
                    throw new NntpArticleRejectedException("Posting to " + name + " is not allowed");
            }
            var stored = await _store.AddAsync(draft, Token).ConfigureAwait(false);
            await Reply(240, stored.MessageId + " Article received OK").ConfigureAwait(false);
        }
        catch (NntpArticleRejectedException e)
        {
            await Reply(441, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The store could not persist it (disk full, permissions): refuse, keep the connection.
            await Reply(441, "Posting failed: the server could not store the article").ConfigureAwait(false);
        }
    }

    private async Task IHaveAsync(string[] args)
    {
        if (args.Length != 2 || !NntpMessageId.IsValid(args[1]))
        {
            await Reply(501, "Syntax: IHAVE message-id").ConfigureAwait(false);
            return;
        }
        string id = args[1];
        if (_store.FindArticle(id) is not null)
        {
            await Reply(435, "Article not wanted").ConfigureAwait(false);
            return;
        }
        _writer.WriteStatus(335, "Send it; end with <CR-LF>.<CR-LF>");
        var (article, error) = await ReadArticleAsync().ConfigureAwait(false);
        await DelayAsync().ConfigureAwait(false);
        if (article is null)
        {
            await Reply(437, error!).ConfigureAwait(false);
            return;
        }
        try
        {
            var draft = NntpArticleDraft.Parse(article, _store.PathHost, DateTimeOffset.UtcNow);
            if (!string.Equals(draft.MessageId, id, StringComparison.Ordinal))
                throw new NntpArticleRejectedException("Message-ID does not match the IHAVE argument");
            await _store.AddAsync(draft, Token).ConfigureAwait(false);
            await Reply(235, "Article transferred OK").ConfigureAwait(false);
        }
        catch (NntpArticleRejectedException e)
        {
            await Reply(437, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Reply(436, "Transfer failed: the server could not store the article; try again later").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a dot-terminated article block, un-stuffing it. Always reads to the terminating dot so
    /// the connection stays in step; an overlong line or an article over the size limit is
    /// drained in bounded memory and reported as an error instead.
    /// </summary>
    private async Task<(byte[]? Article, string? Error)> ReadArticleAsync()
    {
        var buffer = new MemoryStream();
        string? error = null;
        while (true)
        {
            var status = await ReadLineAsync(_options.MaxArticleLineLength).ConfigureAwait(false);
            if (status == LineStatus.EndOfStream)
                throw new IOException("The client closed the connection in the middle of an article.");
            if (status == LineStatus.TooLong)
            {
                error ??= "Article line too long";
                continue;
            }
            var line = _reader.Line;
            if (line.Length > 0 && line[0] == (byte)'.')
            {
                if (line.Length == 1)
                    break;
                line = line[1..];
            }
            if (error is not null)
                continue;
            if (buffer.Length + line.Length + 2 > _options.MaxArticleSize)
            {
                error = "Article too large";
                buffer = new MemoryStream();
                continue;
            }
            buffer.Write(line);
            buffer.Write("\r\n"u8);
        }
        if (error is not null)
            return (null, error);
        if (buffer.Length == 0)
            return (null, "Empty article");
        return (buffer.ToArray(), null);
    }
}
