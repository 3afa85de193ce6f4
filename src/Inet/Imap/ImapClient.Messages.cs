using System.Globalization;
using Inet.Core;

namespace Inet.Imap;

/// <summary>How STORE changes flags.</summary>
public enum ImapStoreMode
{
    Replace,
    Add,
    Remove,
}

/// <summary>What COPY, MOVE and APPEND report with UIDPLUS (RFC 4315): the target's UIDVALIDITY and the new UIDs.</summary>
public sealed record ImapCopyResult(ulong UidValidity, IReadOnlyList<ulong> SourceUids, IReadOnlyList<ulong> TargetUids);

public sealed partial class ImapClient
{
    /// <summary>SEARCH (or UID SEARCH) with a typed query; the matching numbers.</summary>
    public Task<IReadOnlyList<ulong>> SearchAsync(ImapSearchQuery query, bool uid = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new ImapCommandBuilder(uid ? "UID SEARCH" : "SEARCH");
        if (query.NeedsUtf8 && !Utf8Enabled)
            command.Raw("CHARSET UTF-8");
        query.WriteTo(command, Utf8Enabled);
        return SearchCoreAsync(command, cancellationToken);
    }

    /// <summary>SEARCH with raw search keys, as imaplib takes them ("UNSEEN FROM x"); CR, LF and NUL are refused.</summary>
    public Task<IReadOnlyList<ulong>> SearchAsync(string criteria, bool uid = true, CancellationToken cancellationToken = default) =>
        SearchCoreAsync(new ImapCommandBuilder(uid ? "UID SEARCH" : "SEARCH").Raw(CommandGuard.Check(criteria, nameof(criteria))), cancellationToken);

    private async Task<IReadOnlyList<ulong>> SearchCoreAsync(ImapCommandBuilder command, CancellationToken cancellationToken)
    {
        var found = new List<ulong>();
        await RunAsync(command, r =>
        {
            if (r.DataName == "SEARCH")
            {
                found.AddRange(r.Arguments.Where(v => v.Kind == ImapValueKind.Number).Select(v => v.AsNumber()));
            }
            else if (r.DataName == "ESEARCH")
            {
                var args = r.Arguments;
                for (var i = 0; i + 1 < args.Count; i++)
                {
                    if (args[i].IsAtom("ALL"))
                        found.AddRange(ImapSequenceSet.Parse(args[i + 1].AsString() ?? ""));
                }
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>
    /// FETCH (or UID FETCH) of <paramref name="items"/> ("(UID FLAGS BODY.PEEK[])") for a set; each answer goes to
    /// <paramref name="onMessage"/> as it arrives. Literals the <paramref name="sink"/> wants are streamed to it.
    /// </summary>
    public Task FetchAsync(string set, string items, Action<ImapFetchedMessage> onMessage, bool uid = true, IImapLiteralSink? sink = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        return RunAsync(FetchCommand(set, items, uid), r =>
        {
            if (ImapFetchedMessage.From(r) is { } message)
                onMessage(message);
        }, sink, cancellationToken);
    }

    /// <summary>
    /// FETCH as an <see cref="IAsyncEnumerable{T}"/>: each answer as it arrives. Leaving the loop early still reads the
    /// command to its end (the session stays in step); small items only (bodies held in memory: use a sink for big ones).
    /// </summary>
    public async IAsyncEnumerable<ImapFetchedMessage> FetchStreamAsync(string set, string items, bool uid = true,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<ImapFetchedMessage>(
            new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var run = RunFetchIntoAsync(channel.Writer, set, items, uid, cancellationToken);
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return message;
        }
        finally
        {
            await run.ConfigureAwait(false);
        }
    }

    private async Task RunFetchIntoAsync(System.Threading.Channels.ChannelWriter<ImapFetchedMessage> writer, string set, string items, bool uid,
        CancellationToken cancellationToken)
    {
        try
        {
            await FetchAsync(set, items, m => writer.TryWrite(m), uid, null, cancellationToken).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e); // the reader sees the failure
        }
    }

    /// <summary>FETCH into a list (small answers; use the callback form for bodies).</summary>
    public async Task<IReadOnlyList<ImapFetchedMessage>> FetchAsync(string set, string items, bool uid = true, CancellationToken cancellationToken = default)
    {
        var messages = new List<ImapFetchedMessage>();
        await FetchAsync(set, items, messages.Add, uid, null, cancellationToken).ConfigureAwait(false);
        return messages;
    }

    /// <summary>
    /// UID FETCH of many UIDs in batches of <paramref name="batchSize"/>, with <paramref name="window"/> commands
    /// in flight: the server never waits for the client between batches.
    /// </summary>
    public Task FetchManyAsync(IReadOnlyList<ulong> uids, string items, Action<ImapFetchedMessage> onMessage, IImapLiteralSink? sink = null,
        int batchSize = 100, int window = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(onMessage);
        var commands = uids.Chunk(batchSize).Select(batch => FetchCommand(ImapSequenceSet.Format(batch), items, uid: true));
        return RunPipelinedAsync(commands, window, r =>
        {
            if (ImapFetchedMessage.From(r) is { } message)
                onMessage(message);
        }, sink, cancellationToken);
    }

    private static ImapCommandBuilder FetchCommand(string set, string items, bool uid) =>
        new ImapCommandBuilder(uid ? "UID FETCH" : "FETCH").Raw(ImapSequenceSet.Check(set, nameof(set))).Raw(CommandGuard.Check(items, nameof(items)));

    /// <summary>STORE flags (FLAGS, +FLAGS, -FLAGS; .SILENT when <paramref name="silent"/>).</summary>
    public Task StoreFlagsAsync(string set, ImapStoreMode mode, IEnumerable<string> flags, bool uid = true, bool silent = true,
        CancellationToken cancellationToken = default)
    {
        var item = (mode switch { ImapStoreMode.Add => "+FLAGS", ImapStoreMode.Remove => "-FLAGS", _ => "FLAGS" }) + (silent ? ".SILENT" : "");
        var list = string.Join(' ', flags.Select(f => CommandGuard.CheckToken(f, nameof(flags))));
        return RunAsync(new ImapCommandBuilder(uid ? "UID STORE" : "STORE").Raw(ImapSequenceSet.Check(set, nameof(set))).Raw(item).Raw("(" + list + ")"),
            cancellationToken: cancellationToken);
    }

    /// <summary>COPY (or UID COPY); the COPYUID answer when the server gives one.</summary>
    public async Task<ImapCopyResult?> CopyAsync(string set, string mailbox, bool uid = true, CancellationToken cancellationToken = default)
    {
        var done = await RunAsync(new ImapCommandBuilder(uid ? "UID COPY" : "COPY").Raw(ImapSequenceSet.Check(set, nameof(set))).Mailbox(mailbox, Utf8Enabled),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return CopyUid(done.Code);
    }

    /// <summary>MOVE (RFC 6851), or COPY + STORE \Deleted + UID EXPUNGE where MOVE is missing; the COPYUID answer when given.</summary>
    public async Task<ImapCopyResult?> MoveAsync(string set, string mailbox, bool uid = true, CancellationToken cancellationToken = default)
    {
        if (!Capabilities.Move)
        {
            var copied = await CopyAsync(set, mailbox, uid, cancellationToken).ConfigureAwait(false);
            await StoreFlagsAsync(set, ImapStoreMode.Add, ["\\Deleted"], uid, true, cancellationToken).ConfigureAwait(false);
            if (uid && Capabilities.UidPlus)
                await ExpungeAsync(set, cancellationToken).ConfigureAwait(false);
            else
                await ExpungeAsync(null, cancellationToken).ConfigureAwait(false);
            return copied;
        }
        _untaggedCopyUid = null; // RFC 6851: MOVE reports COPYUID in an untagged OK, before the expunges
        var done = await RunAsync(new ImapCommandBuilder(uid ? "UID MOVE" : "MOVE").Raw(ImapSequenceSet.Check(set, nameof(set))).Mailbox(mailbox, Utf8Enabled),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return CopyUid(_untaggedCopyUid) ?? CopyUid(done.Code);
    }

    /// <summary>EXPUNGE, or UID EXPUNGE set (UIDPLUS): removes \Deleted messages; the expunged sequence numbers.</summary>
    public async Task<IReadOnlyList<ulong>> ExpungeAsync(string? uidSet = null, CancellationToken cancellationToken = default)
    {
        var expunged = new List<ulong>();
        var command = uidSet is null ? new ImapCommandBuilder("EXPUNGE") : new ImapCommandBuilder("UID EXPUNGE").Raw(ImapSequenceSet.Check(uidSet, nameof(uidSet)));
        await RunAsync(command, r =>
        {
            if (r.DataName == "EXPUNGE" && r.Number is { } n)
                expunged.Add(n);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return expunged;
    }

    /// <summary>
    /// APPEND (streamed literal): <paramref name="length"/> bytes of <paramref name="content"/> into the mailbox, with
    /// flags and an internal date; the APPENDUID answer (the new message's UID) when the server gives one.
    /// </summary>
    public async Task<ImapCopyResult?> AppendAsync(string mailbox, Stream content, long length, IEnumerable<string>? flags = null,
        DateTimeOffset? internalDate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var command = new ImapCommandBuilder("APPEND").Mailbox(mailbox, Utf8Enabled);
        if (flags is not null && flags.Any())
            command.Raw("(" + string.Join(' ', flags.Select(f => CommandGuard.CheckToken(f, nameof(flags)))) + ")");
        if (internalDate is { } date)
            command.Raw("\"" + FormatDate(date) + "\"");
        command.Literal(content, length);
        var done = await RunAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (done.Code is { } code && code.Is("APPENDUID") && code.Arguments.Count >= 2)
            return new ImapCopyResult(code.Arguments[0].AsNumber(), [], ImapSequenceSet.Parse(code.Arguments[1].AsString() ?? ""));
        return null;
    }

    /// <summary>
    /// IDLE (RFC 2177): untagged updates go to <paramref name="onData"/> until <paramref name="stop"/> is cancelled;
    /// then DONE ends it in step. <paramref name="cancellationToken"/> aborts (and breaks) the session.
    /// </summary>
    public async Task IdleAsync(Action<ImapResponse> onData, CancellationToken stop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onData);
        EnsureUsable();
        var tag = NextTag();
        _connection.WriteLine(tag + " IDLE");
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        await WaitForContinuationAsync(tag, new ImapCommandBuilder("IDLE"), onData, null, cancellationToken).ConfigureAwait(false);
        var stopped = Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        var doneSent = false;
        var next = ReadResponseAsync(null, cancellationToken);
        try
        {
            while (true)
            {
                if (!doneSent && await Task.WhenAny(next, stopped).ConfigureAwait(false) == stopped)
                {
                    _connection.WriteLine("DONE");
                    await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                    doneSent = true;
                    continue;
                }
                var response = await next.ConfigureAwait(false);
                if (response.Kind == ImapResponseKind.Tagged && response.Tag == tag)
                {
                    Check(new ImapCommandBuilder("IDLE"), response);
                    return;
                }
                if (response.Kind != ImapResponseKind.Untagged)
                    throw Violation($"Unexpected during IDLE: \"{Printable.Escape(response.ToString())}\".");
                Absorb(response, onData);
                next = ReadResponseAsync(null, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            _connection.MarkBroken();
            throw;
        }
    }

    private static ImapCopyResult? CopyUid(ImapResponseCode? code)
    {
        if (code is null || !code.Is("COPYUID") || code.Arguments.Count < 3)
            return null;
        return new ImapCopyResult(code.Arguments[0].AsNumber(), ImapSequenceSet.Parse(code.Arguments[1].AsString() ?? ""),
            ImapSequenceSet.Parse(code.Arguments[2].AsString() ?? ""));
    }

    private static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return date.ToString("dd-MMM-yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + sign + offset.Hours.ToString("D2", CultureInfo.InvariantCulture) + offset.Minutes.ToString("D2", CultureInfo.InvariantCulture);
    }
}
