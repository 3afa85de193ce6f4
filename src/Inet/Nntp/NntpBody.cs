using Inet.Core;

namespace Inet.Nntp;

/// <summary>
/// An article, head or body being received: the article's number and message-id, and its content
/// as a stream (dot-unstuffed, CRLF line endings; or raw wire bytes, see <see cref="IsDotStuffed"/>). Read it to the end or dispose it before the
/// next command; a connection lost midway makes the read throw, never end quietly.
/// </summary>
public sealed class NntpBody : IAsyncDisposable
{
    private readonly DotBlockStream _content;

    internal NntpBody(ArticleInfo info, DotBlockStream content)
    {
        Info = info;
        _content = content;
        IsDotStuffed = content is RawDotBlockStream;
    }

    public ArticleInfo Info { get; }

    public long Number => Info.Number;

    public string MessageId => Info.MessageId;

    /// <summary>The content; ends at the terminating dot line.</summary>
    public Stream Content => _content;

    /// <summary>
    /// True when <see cref="Content"/> is the raw wire data: still dot-stuffed and including the
    /// terminating ".\r\n" line (asked for with rawBodies in PipelineAsync).
    /// </summary>
    public bool IsDotStuffed { get; }

    /// <summary>Bytes of content read so far (wire bytes when <see cref="IsDotStuffed"/>).</summary>
    public long BytesRead => _content.BytesRead;

    /// <summary>True once the whole block has been received.</summary>
    public bool IsComplete => _content.IsCompleted;

    /// <summary>Copies the rest of the content to <paramref name="destination"/>.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default) =>
        _content.CopyToAsync(destination, 81920, cancellationToken);

    /// <summary>Skips what is left of the block so the connection stays usable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_content.IsCompleted || _content.IsFaulted)
            return;
        try
        {
            await _content.DrainAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The connection is already marked broken; the next command reports it.
        }
        catch (TimeoutException)
        {
        }
    }
}
