using System.Runtime.CompilerServices;
using Inet.Core;

namespace Inet.Nntp;

/// <summary>One answer in a pipelined batch: the request, the reply, and for 22x the article info and content.</summary>
public sealed record PipelinedResponse(ArticleId Request, Reply Reply, ArticleInfo? Info, NntpBody? Body)
{
    public bool Succeeded => Reply.IsPositiveCompletion;
}

public sealed partial class NntpClient
{
    /// <summary>
    /// Sends ARTICLE, HEAD, BODY or STAT for many articles with up to <paramref name="depth"/>
    /// commands in flight (RFC 3977 3.5), and yields the answers in order. A refused article
    /// (423/430) is yielded, not thrown. Each body is valid until the next item is requested.
    /// </summary>
    public IAsyncEnumerable<PipelinedResponse> PipelineAsync(string verb, IReadOnlyList<ArticleId> articles, int depth = 16,
        CancellationToken cancellationToken = default) =>
        PipelineAsync(verb, articles, depth, rawBodies: false, cancellationToken);

    /// <summary>
    /// As <see cref="PipelineAsync(string, IReadOnlyList{ArticleId}, int, CancellationToken)"/>; with
    /// <paramref name="rawBodies"/> each body's content is the raw dot-stuffed wire data up to and including
    /// the ".\r\n" line (<see cref="NntpBody.IsDotStuffed"/>), for decoders that unstuff in the same pass.
    /// </summary>
    public async IAsyncEnumerable<PipelinedResponse> PipelineAsync(string verb, IReadOnlyList<ArticleId> articles, int depth, bool rawBodies,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var expected = verb switch
        {
            "ARTICLE" => 220,
            "HEAD" => 221,
            "BODY" => 222,
            "STAT" => 223,
            _ => throw new ArgumentException("Only ARTICLE, HEAD, BODY and STAT can be pipelined here.", nameof(verb)),
        };
        await DrainOpenBlockAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        var sent = 0;
        while (sent < articles.Count && sent < depth)
            _connection.WriteLine(WithArgument(verb, articles[sent++]));
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < articles.Count; i++)
        {
            var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (sent < articles.Count)
            {
                // Keep the pipe full: the next command goes out before this body is read.
                _connection.WriteLine(WithArgument(verb, articles[sent++]));
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            if (reply.Code != expected)
            {
                if (reply.Code == 480)
                    MustLogin = true;
                if (reply.IsPositiveCompletion)
                    throw Malformed(reply);
                yield return new PipelinedResponse(articles[i], reply, null, null);
                continue;
            }
            var info = ParseArticleInfo(reply);
            var body = expected == 223 ? null : rawBodies ? new NntpBody(info, OpenRawBlock()) : new NntpBody(info, OpenBlock());
            yield return new PipelinedResponse(articles[i], reply, info, body);
            if (body is not null)
                await body.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>STAT for many message-ids in one pipelined batch: which of them the server has.</summary>
    public async Task<IReadOnlyList<PipelinedResponse>> StatManyAsync(IReadOnlyList<ArticleId> articles, int depth = 32, CancellationToken cancellationToken = default)
    {
        var results = new List<PipelinedResponse>(articles?.Count ?? 0);
        await foreach (var item in PipelineAsync("STAT", articles!, depth, cancellationToken).ConfigureAwait(false))
            results.Add(item);
        return results;
    }
}
