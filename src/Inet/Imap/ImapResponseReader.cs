using Inet.Core;

namespace Inet.Imap;

/// <summary>
/// Reads one complete IMAP4 response at a time (RFC 9051 / RFC 3501 syntax), literals included.
/// Literals come straight from the line reader's buffer, so they may hold any bytes; big ones can be
/// streamed to an <see cref="IImapLiteralSink"/>. Malformed or oversized input is a
/// <see cref="ProtocolViolationException"/>; a connection lost mid-response a <see cref="ConnectionClosedException"/>.
/// </summary>
public sealed class ImapResponseReader
{
    private readonly LineReader _reader;
    private readonly TextConnection? _connection;

    /// <summary>Reads from a bare line reader (tests, in-process servers).</summary>
    public ImapResponseReader(LineReader reader, ImapReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        Limits = limits ?? ImapReaderLimits.Default;
    }

    /// <summary>Reads from a connection, logging each line and marking the connection broken on any failure.</summary>
    public ImapResponseReader(TextConnection connection, ImapReaderLimits? limits = null)
        : this((connection ?? throw new ArgumentNullException(nameof(connection))).Reader, limits) =>
        _connection = connection;

    public ImapReaderLimits Limits { get; }

    /// <summary>Reads exactly one response. Literals go to <paramref name="sink"/> when it wants them, else into memory.</summary>
    public async ValueTask<ImapResponse> ReadAsync(IImapLiteralSink? sink = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadResponseAsync(sink, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Whatever went wrong (violation, lost connection, cancellation, a failing sink), we are out of step.
            _connection?.MarkBroken();
            throw;
        }
    }

    private async ValueTask<ImapResponse> ReadResponseAsync(IImapLiteralSink? sink, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var start = ImapResponseStart.Parse(line.Span, out var response);
        if (response is not null)
            return response;
        var parser = new ImapDataParser(Limits);
        var segment = line[start..];
        long total = line.Length;
        while (parser.Parse(segment.Span, out var length, out var binary))
        {
            var value = await ReadLiteralAsync(parser.LiteralContext(binary), length, sink, total, cancellationToken).ConfigureAwait(false);
            if (value.Kind == ImapValueKind.Literal)
                total += length;
            parser.AddLiteral(value);
            segment = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            total += segment.Length;
            if (total > Limits.MaxResponseBytes)
                throw new ProtocolViolationException($"An IMAP response longer than {Limits.MaxResponseBytes} bytes.");
        }
        return new ImapResponse(ImapResponseKind.Untagged, null, null, null, "", parser.Values);
    }

    private async ValueTask<ImapValue> ReadLiteralAsync(ImapLiteralContext context, long length, IImapLiteralSink? sink, long total, CancellationToken cancellationToken)
    {
        _connection?.Log.Info($"({length}-byte literal)");
        var content = new ImapLiteralStream(_reader, length);
        if (sink is not null && sink.WantsLiteral(context, length))
        {
            var token = await sink.ReceiveAsync(context, length, content, cancellationToken).ConfigureAwait(false);
            await content.FinishAsync(cancellationToken).ConfigureAwait(false);
            return ImapValue.StreamedLiteral(length, token);
        }
        if (length > Limits.MaxLiteralSize)
            throw new ProtocolViolationException(
                $"The server sent a {length}-byte IMAP literal; at most {Limits.MaxLiteralSize} bytes are held in memory (stream it with an IImapLiteralSink).");
        if (total + length > Limits.MaxResponseBytes)
            throw new ProtocolViolationException($"An IMAP response longer than {Limits.MaxResponseBytes} bytes.");
        return ImapValue.Literal(await content.ReadAllAsync(cancellationToken).ConfigureAwait(false));
    }

    private ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken cancellationToken) =>
        _connection is null ? _reader.ReadLineAsync(cancellationToken) : _connection.ReadLineAsync(cancellationToken);
}
