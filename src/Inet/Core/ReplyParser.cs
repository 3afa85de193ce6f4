using System.Text;

namespace Inet.Core;

/// <summary>Parses "ddd text" status lines, and the "ddd-" continuation form used by FTP and SMTP.</summary>
public static class ReplyParser
{
    /// <summary>Most lines accepted in one multi-line reply.</summary>
    public const int MaxReplyLines = 10_000;

    /// <summary>
    /// Parses a status line. <paramref name="continues"/> is true for "ddd-text" (more lines follow).
    /// Returns false when the line does not start with a code from 100 to 599.
    /// </summary>
    public static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int code, out bool continues, out string text)
    {
        code = 0;
        continues = false;
        text = "";
        if (line.Length < 3 || line[0] is < (byte)'1' or > (byte)'5' || !IsDigit(line[1]) || !IsDigit(line[2]))
            return false;
        if (line.Length > 3 && line[3] is not ((byte)' ' or (byte)'-'))
            return false;
        code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        continues = line.Length > 3 && line[3] == (byte)'-';
        text = line.Length > 4 ? Encoding.UTF8.GetString(line[4..]) : "";
        return true;
    }

    /// <summary>Reads a one-line reply (NNTP, POP3-free protocols): a violation unless it parses.</summary>
    public static async ValueTask<Reply> ReadSingleLineAsync(TextConnection connection, CancellationToken cancellationToken = default)
    {
        var line = await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (!TryParseStatusLine(line.Span, out var code, out _, out var text))
            throw Violation(connection, line.Span);
        return new Reply(code, text);
    }

    /// <summary>
    /// Reads an FTP/SMTP reply: "ddd-" lines continue until "ddd " with the same code. Lines between
    /// that carry no code (RFC 959 4.2) are kept as text.
    /// </summary>
    public static ValueTask<Reply> ReadMultiLineAsync(TextConnection connection, CancellationToken cancellationToken = default) =>
        ReadMultiLineAsync(connection, ReplyLimits.Default, cancellationToken);

    /// <summary>
    /// Reads a multi-line reply within <paramref name="limits"/>: more lines or bytes than allowed is a
    /// <see cref="ProtocolViolationException"/>, a reply still unfinished after the completion timeout a
    /// <see cref="TimeoutException"/>. Either way the connection is marked broken.
    /// </summary>
    public static async ValueTask<Reply> ReadMultiLineAsync(TextConnection connection, ReplyLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(limits);
        var line = await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (!TryParseStatusLine(line.Span, out var code, out var continues, out var first))
            throw Violation(connection, line.Span);
        if (!continues)
            return new Reply(code, first);
        using var deadline = limits.CompletionTimeout == Timeout.InfiniteTimeSpan ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline?.CancelAfter(limits.CompletionTimeout);
        var more = new List<string>();
        var bytes = line.Length;
        try
        {
            while (true)
            {
                line = await connection.ReadLineAsync(deadline?.Token ?? cancellationToken).ConfigureAwait(false);
                bytes += line.Length + 2;
                if (more.Count + 1 >= limits.MaxLines || bytes > limits.MaxBytes)
                {
                    connection.MarkBroken();
                    throw new ProtocolViolationException($"The server sent a reply of more than {Math.Min(limits.MaxLines, more.Count + 1)} lines or {limits.MaxBytes} bytes.");
                }
                if (TryParseStatusLine(line.Span, out var next, out var nextContinues, out var text) && next == code)
                {
                    if (!nextContinues)
                    {
                        if (text.Length > 0) more.Add(text);
                        return new Reply(code, first, more);
                    }
                    more.Add(text);
                }
                else
                {
                    more.Add(Encoding.UTF8.GetString(line.Span));
                }
            }
        }
        catch (OperationCanceledException) when (deadline is not null && !cancellationToken.IsCancellationRequested)
        {
            connection.MarkBroken();
            throw new TimeoutException($"The server did not finish its reply within {limits.CompletionTimeout.TotalSeconds:0.#} s.");
        }
    }

    private static ProtocolViolationException Violation(TextConnection connection, ReadOnlySpan<byte> line)
    {
        connection.MarkBroken();
        return new ProtocolViolationException($"The server sent a line that is not a status reply: \"{Printable.Escape(line)}\"");
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
