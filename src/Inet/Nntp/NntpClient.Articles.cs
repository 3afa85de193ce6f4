using System.Globalization;
using Inet.Core;
using MimeKit;

namespace Inet.Nntp;

public sealed partial class NntpClient
{
    /// <summary>GROUP (211 count first last name): selects the group and returns its numbers.</summary>
    public async Task<GroupInfo> GroupAsync(string group, CancellationToken cancellationToken = default)
    {
        CommandGuard.CheckToken(group, nameof(group));
        var reply = await ExpectAsync("GROUP " + group, 211, cancellationToken).ConfigureAwait(false);
        CurrentGroup = ParseGroupReply(reply);
        return CurrentGroup;
    }

    /// <summary>LISTGROUP [group [range]] (211): the article numbers present, selecting the group.</summary>
    public async IAsyncEnumerable<long> ListGroupAsync(string? group = null, ArticleRange? range = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (group is not null)
            CommandGuard.CheckToken(group, nameof(group));
        if (range is not null && group is null)
            throw new ArgumentException("A range needs a group name.", nameof(range));
        var line = "LISTGROUP" + (group is null ? "" : " " + group) + (range is null ? "" : " " + range);
        var reply = await ExpectAsync(line, 211, cancellationToken).ConfigureAwait(false);
        CurrentGroup = ParseGroupReply(reply);
        await foreach (var number in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!System.Buffers.Text.Utf8Parser.TryParse(number.Span, out long value, out var used) || used != number.Length)
                throw Malformed(new Reply(211, "LISTGROUP line: " + Printable.Escape(number.Span)));
            yield return value;
        }
    }

    /// <summary>NEXT (223): moves to the next article in the group.</summary>
    public async Task<ArticleInfo> NextAsync(CancellationToken cancellationToken = default) =>
        ParseArticleInfo(await ExpectAsync("NEXT", 223, cancellationToken).ConfigureAwait(false));

    /// <summary>LAST (223): moves to the previous article in the group.</summary>
    public async Task<ArticleInfo> LastAsync(CancellationToken cancellationToken = default) =>
        ParseArticleInfo(await ExpectAsync("LAST", 223, cancellationToken).ConfigureAwait(false));

    /// <summary>STAT (223): checks that an article exists without fetching it.</summary>
    public async Task<ArticleInfo> StatAsync(ArticleId article = default, CancellationToken cancellationToken = default) =>
        ParseArticleInfo(await ExpectAsync(WithArgument("STAT", article), 223, cancellationToken).ConfigureAwait(false));

    /// <summary>ARTICLE (220): opens the whole article (headers, blank line, body) as a stream.</summary>
    public Task<NntpBody> OpenArticleAsync(ArticleId article = default, CancellationToken cancellationToken = default) =>
        OpenAsync("ARTICLE", article, 220, cancellationToken);

    /// <summary>HEAD (221): opens the headers as a stream.</summary>
    public Task<NntpBody> OpenHeadAsync(ArticleId article = default, CancellationToken cancellationToken = default) =>
        OpenAsync("HEAD", article, 221, cancellationToken);

    /// <summary>BODY (222): opens the body as a stream.</summary>
    public Task<NntpBody> OpenBodyAsync(ArticleId article = default, CancellationToken cancellationToken = default) =>
        OpenAsync("BODY", article, 222, cancellationToken);

    /// <summary>ARTICLE into <paramref name="destination"/> (nntplib's <c>file=</c>), byte-exact with CRLF.</summary>
    public Task<ArticleInfo> CopyArticleToAsync(ArticleId article, Stream destination, CancellationToken cancellationToken = default) =>
        CopyToAsync("ARTICLE", article, 220, destination, cancellationToken);

    /// <summary>HEAD into <paramref name="destination"/>.</summary>
    public Task<ArticleInfo> CopyHeadToAsync(ArticleId article, Stream destination, CancellationToken cancellationToken = default) =>
        CopyToAsync("HEAD", article, 221, destination, cancellationToken);

    /// <summary>BODY into <paramref name="destination"/>.</summary>
    public Task<ArticleInfo> CopyBodyToAsync(ArticleId article, Stream destination, CancellationToken cancellationToken = default) =>
        CopyToAsync("BODY", article, 222, destination, cancellationToken);

    /// <summary>ARTICLE parsed with MimeKit (headers, RFC 2047, MIME parts).</summary>
    public async Task<Article> GetArticleAsync(ArticleId article = default, CancellationToken cancellationToken = default)
    {
        await using var body = await OpenArticleAsync(article, cancellationToken).ConfigureAwait(false);
        var message = await MimeMessage.LoadAsync(body.Content, cancellationToken).ConfigureAwait(false);
        return new Article(body.Info, message);
    }

    /// <summary>HEAD parsed into a MimeKit header list.</summary>
    public async Task<HeaderList> GetHeadAsync(ArticleId article = default, CancellationToken cancellationToken = default)
    {
        await using var head = await OpenHeadAsync(article, cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        await head.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Write("\r\n"u8);
        buffer.Position = 0;
        return await HeaderList.LoadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST: 340, then the article dot-stuffed, then 240. A 440/441 refusal throws
    /// <see cref="NntpPostingException"/>; the server's 240 text is returned.
    /// </summary>
    public async Task<string> PostAsync(Stream article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        await ExpectAsync("POST", 340, cancellationToken).ConfigureAwait(false);
        var reply = await SendArticleAsync(article, cancellationToken).ConfigureAwait(false);
        return reply.Code == 240 ? reply.Text : throw Refusal(reply);
    }

    /// <summary>POST of a MimeKit message.</summary>
    public async Task<string> PostAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(FormatOptions.Default, buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return await PostAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>IHAVE (335 then 235): offers an article by message-id; 435/436/437 throw <see cref="NntpPostingException"/>.</summary>
    public async Task IHaveAsync(string messageId, Stream article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        var id = ArticleId.ByMessageId(messageId);
        await ExpectAsync("IHAVE " + id, 335, cancellationToken).ConfigureAwait(false);
        var reply = await SendArticleAsync(article, cancellationToken).ConfigureAwait(false);
        if (reply.Code != 235)
            throw Refusal(reply);
    }

    private async Task<Reply> SendArticleAsync(Stream article, CancellationToken cancellationToken)
    {
        var data = new DotStuffingStream(_connection);
        await article.CopyToAsync(data, 64 * 1024, cancellationToken).ConfigureAwait(false);
        data.Complete();
        _connection.Log.Info("(article data sent)");
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NntpBody> OpenAsync(string verb, ArticleId article, int expected, CancellationToken cancellationToken)
    {
        var reply = await ExpectAsync(WithArgument(verb, article), expected, cancellationToken).ConfigureAwait(false);
        return new NntpBody(ParseArticleInfo(reply), OpenBlock());
    }

    private async Task<ArticleInfo> CopyToAsync(string verb, ArticleId article, int expected, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var body = await OpenAsync(verb, article, expected, cancellationToken).ConfigureAwait(false);
        await body.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        return body.Info;
    }

    private static string WithArgument(string verb, ArticleId article) => article.IsCurrent ? verb : verb + " " + article;

    private GroupInfo ParseGroupReply(Reply reply)
    {
        var f = Fields(reply.Text);
        if (f.Length < 4)
            throw Malformed(reply);
        return new GroupInfo(ParseNumber(f[0], reply), ParseNumber(f[1], reply), ParseNumber(f[2], reply), f[3]);
    }

    private ArticleInfo ParseArticleInfo(Reply reply)
    {
        var f = Fields(reply.Text);
        if (f.Length < 2 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw Malformed(reply);
        return new ArticleInfo(number, f[1]);
    }
}
