using System.Buffers;
using Inet.Codecs.Yenc;

namespace Inet.News.Download;

/// <summary>
/// Reads the head of an article (at most <see cref="Window"/> bytes) to find what it carries:
/// a yEnc part (its =ybegin and =ypart lines), or something for MIME/uu decoding. The bytes read
/// are kept so the decoder can be given the whole stream again.
/// </summary>
internal sealed class BodySniffer : IDisposable
{
    public const int Window = 64 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Window);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Prefix => _buffer.AsMemory(0, Length);

    public YencBeginLine? Begin { get; private set; }

    public YencPartLine? Part { get; private set; }

    /// <summary>Offset in <see cref="Prefix"/> where the headers end (0 for a body without headers).</summary>
    public int BodyStart { get; private set; }

    /// <summary>Reads until the yEnc headers are found, the window is full or the stream ends.</summary>
    public async Task SniffAsync(Stream source, bool hasHeaders, CancellationToken cancellationToken)
    {
        Length = 0;
        Begin = null;
        Part = null;
        BodyStart = hasHeaders ? -1 : 0;
        var scanned = 0;
        while (Length < Window)
        {
            var read = await source.ReadAsync(_buffer.AsMemory(Length, Window - Length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            Length += read;
            scanned = Scan(scanned);
            if (Begin is { } begin && (!begin.IsMultipart || Part is not null))
                break;
        }
    }

    /// <summary>Looks at every complete line from <paramref name="from"/>; returns where the next unscanned line starts.</summary>
    private int Scan(int from)
    {
        var data = _buffer.AsSpan(0, Length);
        while (from < data.Length)
        {
            var lf = data[from..].IndexOf((byte)'\n');
            if (lf < 0)
                return from;
            var line = data.Slice(from, lf);
            if (line.Length > 0 && line[^1] == (byte)'\r')
                line = line[..^1];
            var next = from + lf + 1;
            if (BodyStart < 0)
            {
                if (line.IsEmpty)
                    BodyStart = next;
            }
            else if (Begin is null)
            {
                if (line.StartsWith("=ybegin "u8) && YencBeginLine.TryParse(line, out var begin))
                    Begin = begin;
            }
            else if (Part is null && line.StartsWith("=ypart "u8) && YencPartLine.TryParse(line, out var part))
            {
                Part = part;
            }
            from = next;
        }
        return from;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
