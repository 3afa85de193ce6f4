using System.Buffers;
using System.Globalization;
using Inet.Core;

namespace Inet.Imap;

public sealed partial class ImapClient
{
    /// <summary>Literals up to this size go without waiting for "+" when the server has LITERAL- (RFC 7888).</summary>
    private const int LiteralMinusLimit = 4096;

    /// <summary>
    /// Runs one command: sends it (waiting for "+" before each literal unless LITERAL+ allows otherwise),
    /// then reads until its tagged completion. Untagged data go to <paramref name="onData"/> after the
    /// client's own bookkeeping (EXISTS, EXPUNGE, FLAGS, CAPABILITY, response codes). NO and BAD throw
    /// <see cref="ImapCommandException"/>.
    /// </summary>
    public async Task<ImapResponse> RunAsync(ImapCommandBuilder command, Action<ImapResponse>? onData = null, IImapLiteralSink? sink = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureUsable();
        var tag = NextTag();
        try
        {
            await SendAsync(tag, command, onData, sink, cancellationToken).ConfigureAwait(false);
            await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            return Check(command, await ReadUntilTaggedAsync(tag, onData, sink, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            _connection.MarkBroken();
            throw;
        }
    }

    /// <summary>
    /// Runs commands with up to <paramref name="window"/> of them in flight (RFC 9051 5.5: commands that
    /// do not depend on each other may be pipelined). Literals must not need a "+" (use LITERAL+ or none).
    /// After a refusal the commands still in flight are read to their end, then the first refusal throws.
    /// </summary>
    public async Task RunPipelinedAsync(IEnumerable<ImapCommandBuilder> commands, int window, Action<ImapResponse>? onData = null,
        IImapLiteralSink? sink = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        EnsureUsable();
        var inFlight = new Queue<(string Tag, ImapCommandBuilder Command)>();
        ImapCommandException? refusal = null;
        try
        {
            using var source = commands.GetEnumerator();
            var more = source.MoveNext();
            while (more || inFlight.Count > 0)
            {
                while (more && inFlight.Count < window)
                {
                    var tag = NextTag();
                    await SendAsync(tag, source.Current, onData, sink, cancellationToken).ConfigureAwait(false);
                    inFlight.Enqueue((tag, source.Current));
                    more = source.MoveNext();
                }
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                var (oldest, command) = inFlight.Dequeue();
                var done = await ReadUntilTaggedAsync(oldest, onData, sink, cancellationToken).ConfigureAwait(false);
                if (done.Status != ImapStatus.Ok)
                {
                    refusal ??= new ImapCommandException(command.ToString(), done);
                    more = false; // nothing new after a refusal; the ones in flight are read out
                }
            }
        }
        catch (OperationCanceledException)
        {
            _connection.MarkBroken();
            throw;
        }
        if (refusal is not null)
            throw refusal;
    }

    private string NextTag() => "A" + (++_nextTag).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Queues the command; each synchronizing literal is preceded by a flush and a wait for "+".</summary>
    private async Task SendAsync(string tag, ImapCommandBuilder command, Action<ImapResponse>? onData, IImapLiteralSink? sink, CancellationToken cancellationToken)
    {
        var prefix = tag + " ";
        foreach (var part in command.Parts)
        {
            var nonSynchronizing = Capabilities.LiteralPlus || (Capabilities.LiteralMinus && part.LiteralLength <= LiteralMinusLimit);
            WriteCommandLine(command, prefix, string.Create(CultureInfo.InvariantCulture, $"{part.Text}{{{part.LiteralLength}{(nonSynchronizing ? "+" : "")}}}"));
            prefix = "";
            if (!nonSynchronizing)
            {
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                await WaitForContinuationAsync(tag, command, onData, sink, cancellationToken).ConfigureAwait(false);
            }
            await WriteLiteralAsync(part, cancellationToken).ConfigureAwait(false);
        }
        WriteCommandLine(command, prefix, command.Tail);
    }

    /// <summary>One line of a command; for a sensitive one the log shows the tag and verb only.</summary>
    private void WriteCommandLine(ImapCommandBuilder command, string prefix, string text)
    {
        if (!command.IsSensitive)
            _connection.WriteLine(prefix + text);
        else if (prefix.Length > 0 && text.StartsWith(command.Verb, StringComparison.Ordinal))
            _connection.WriteSensitiveLine(prefix + command.Verb, text[command.Verb.Length..]);
        else
            _connection.WriteSensitiveLine("", text);
    }

    private async Task WriteLiteralAsync(ImapCommandBuilder.Part part, CancellationToken cancellationToken)
    {
        _connection.Log.Info(string.Create(CultureInfo.InvariantCulture, $"({part.LiteralLength} bytes of literal)")); // never the bytes: a password may be one
        if (part.Literal is { } bytes)
        {
            _connection.Output.Write(bytes);
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            var left = part.LiteralLength;
            while (left > 0)
            {
                var read = await part.LiteralStream!.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    _connection.MarkBroken(); // the server waits for bytes that will never come
                    throw new EndOfStreamException($"The literal's source ended {left} bytes short of the {part.LiteralLength} announced.");
                }
                _connection.Output.Write(buffer.AsSpan(0, read));
                left -= read;
                if (_connection.PendingOutput >= 256 * 1024)
                    await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads until "+"; the command's own tagged NO/BAD instead means it was refused before the literal.</summary>
    private async Task WaitForContinuationAsync(string tag, ImapCommandBuilder command, Action<ImapResponse>? onData, IImapLiteralSink? sink, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await ReadResponseAsync(sink, cancellationToken).ConfigureAwait(false);
            switch (response.Kind)
            {
                case ImapResponseKind.Continuation:
                    return;
                case ImapResponseKind.Tagged when response.Tag == tag:
                    Check(command, response);
                    throw Violation($"The server completed {command} with OK before its literal was sent.");
                case ImapResponseKind.Tagged:
                    throw Violation($"A completion for a command not sent: \"{Printable.Escape(response.ToString())}\".");
                default:
                    Absorb(response, onData);
                    break;
            }
        }
    }

    /// <summary>Reads untagged responses until the completion of <paramref name="tag"/>.</summary>
    private async Task<ImapResponse> ReadUntilTaggedAsync(string tag, Action<ImapResponse>? onData, IImapLiteralSink? sink, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await ReadResponseAsync(sink, cancellationToken).ConfigureAwait(false);
            switch (response.Kind)
            {
                case ImapResponseKind.Tagged when response.Tag == tag:
                    UpdateFromCode(response);
                    return response;
                case ImapResponseKind.Tagged:
                    throw Violation($"A completion for another command than {tag}: \"{Printable.Escape(response.ToString())}\".");
                case ImapResponseKind.Continuation:
                    throw Violation($"A continuation request where none was expected: \"{Printable.Escape(response.ToString())}\".");
                default:
                    Absorb(response, onData);
                    break;
            }
        }
    }

    private ImapResponse? _bye;
    private ImapResponseCode? _untaggedCopyUid;

    /// <summary>One response; a connection that ends after BYE reports the BYE.</summary>
    private async Task<ImapResponse> ReadResponseAsync(IImapLiteralSink? sink, CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadAsync(sink, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionClosedException) when (_bye is not null)
        {
            throw new ImapByeException(_bye);
        }
    }

    /// <summary>The client's bookkeeping for an untagged response, then the caller's handler for data.</summary>
    private void Absorb(ImapResponse response, Action<ImapResponse>? onData)
    {
        if (response.Status is { } status)
        {
            if (status == ImapStatus.Bye)
            {
                _bye = response;
                _connection.MarkBroken();
            }
            UpdateFromCode(response);
            if (response.Code?.Is("COPYUID") == true)
                _untaggedCopyUid = response.Code;
            if (response.Code?.Is("ALERT") == true)
                _connection.Log.Info("server alert: " + response.Text);
            return;
        }
        var mailbox = Selected;
        switch (response.DataName)
        {
            case "CAPABILITY":
                Capabilities = ImapCapabilities.From(response.Arguments);
                break;
            case "EXISTS" when mailbox is not null:
                mailbox.Exists = response.Number ?? mailbox.Exists;
                break;
            case "RECENT" when mailbox is not null:
                mailbox.Recent = response.Number ?? mailbox.Recent;
                break;
            case "EXPUNGE" when mailbox is not null && mailbox.Exists > 0:
                mailbox.Exists--;
                break;
            case "FLAGS" when mailbox is not null && response.Arguments.Count > 0:
                mailbox.Flags = Strings(response.Arguments[0]);
                break;
        }
        onData?.Invoke(response);
    }

    /// <summary>Response codes that describe the session or the selected mailbox.</summary>
    private bool UpdateFromCode(ImapResponse response)
    {
        if (response.Code is not { } code)
            return false;
        var mailbox = Selected;
        switch (code.Name.ToUpperInvariant())
        {
            case "CAPABILITY":
                Capabilities = ImapCapabilities.From(code.Arguments);
                return true;
            case "UIDVALIDITY" when mailbox is not null && code.Arguments.Count > 0:
                mailbox.UidValidity = code.Arguments[0].AsNumber();
                break;
            case "UIDNEXT" when mailbox is not null && code.Arguments.Count > 0:
                mailbox.UidNext = code.Arguments[0].AsNumber();
                break;
            case "UNSEEN" when mailbox is not null && code.Arguments.Count > 0:
                mailbox.FirstUnseen = code.Arguments[0].AsNumber();
                break;
            case "HIGHESTMODSEQ" when mailbox is not null && code.Arguments.Count > 0:
                mailbox.HighestModSeq = code.Arguments[0].AsNumber();
                break;
            case "PERMANENTFLAGS" when mailbox is not null && code.Arguments.Count > 0:
                mailbox.PermanentFlags = Strings(code.Arguments[0]);
                break;
            case "READ-ONLY" when mailbox is not null:
                mailbox.ReadOnly = true;
                break;
            case "READ-WRITE" when mailbox is not null:
                mailbox.ReadOnly = false;
                break;
        }
        return false;
    }

    private static IReadOnlyList<string> Strings(ImapValue list) =>
        list.Kind == ImapValueKind.List ? [.. list.AsList().Select(v => v.AsString() ?? "")] : [];

    private static ImapResponse Check(ImapCommandBuilder command, ImapResponse response) =>
        response.Status == ImapStatus.Ok ? response : throw new ImapCommandException(command.ToString(), response);

    private ProtocolViolationException Violation(string message)
    {
        _connection.MarkBroken();
        return new ProtocolViolationException(message);
    }
}
