using Inet.Imap;

namespace Inet.Mail;

/// <summary>
/// Fetches a mailbox into a Maildir, incrementally: EXAMINE (read-only, so nothing is marked \Seen), UID SEARCH,
/// the UIDs this Maildir does not have yet (UIDVALIDITY+UID), then UID FETCH BODY.PEEK[] in pipelined batches with
/// each body streamed from the socket into tmp/ and renamed into new/ under its key once its FETCH is complete.
/// A message file holds exactly the server's BODY[].
/// </summary>
public static class ImapMaildirFetch
{
    public static async Task<MailFetchReport> RunAsync(ImapClient client, string mailbox, string source, MailFetchState state, Maildir maildir,
        MailFetchOptions? options = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(maildir);
        options ??= new MailFetchOptions();
        var box = await client.ExamineAsync(mailbox, cancellationToken).ConfigureAwait(false);
        if (box.UidValidity is 0 or > uint.MaxValue)
            throw new Core.ProtocolViolationException($"The server gave no usable UIDVALIDITY for {Core.Printable.Escape(mailbox)}.");
        var uidValidity = (uint)box.UidValidity;
        if (box.Exists == 0)
            return new MailFetchReport(0, 0, 0);
        var query = ImapSearchQuery.All;
        if (options.Since is { } since)
            query = query.And(ImapSearchQuery.Since(since));
        if (options.UnseenOnly)
            query = query.And(ImapSearchQuery.Unseen);
        var uids = await client.SearchAsync(query, uid: true, cancellationToken).ConfigureAwait(false);
        var wanted = uids.Where(u => u is > 0 and <= uint.MaxValue && !state.IsFetched(MailKey.Imap(source, uidValidity, (uint)u))).ToList();
        var already = uids.Count - wanted.Count;
        if (wanted.Count == 0)
            return new MailFetchReport(0, already, 0);
        var sink = new MaildirSink(maildir);
        var fetched = 0;
        long bytes = 0;
        try
        {
            await client.FetchManyAsync(wanted, "(UID BODY.PEEK[])", message =>
            {
                if (message.Uid is not { } uid || message.Section("BODY[]") is not { } body)
                    return; // an unsolicited FETCH (a flag change from elsewhere): nothing to store
                var key = MailKey.Imap(source, uidValidity, (uint)uid);
                if (body.Kind == ImapValueKind.StreamedLiteral && body.StreamToken is MaildirDelivery delivery)
                {
                    sink.Forget(delivery);
                    delivery.CommitAs(key);
                    bytes += body.LiteralLength;
                }
                else
                {
                    // A tiny or NIL body the sink declined: written from memory.
                    using var small = maildir.Begin(key);
                    var data = body.AsBytes() ?? [];
                    small.Stream.Write(data);
                    small.CommitAs(null);
                    bytes += data.Length;
                }
                state.MarkFetched(key);
                fetched++;
                progress?.Report((fetched, wanted.Count)); // (not ++ inside: ?. skips its argument when null)
            }, sink, options.BatchSize, options.Window, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sink.AbandonRest();
            state.Save();
        }
        return new MailFetchReport(fetched, already, bytes);
    }

    /// <summary>Streams each BODY[] literal into a new tmp/ file; the FETCH handler commits it once the UID is known.</summary>
    private sealed class MaildirSink(Maildir maildir) : IImapLiteralSink
    {
        private readonly HashSet<MaildirDelivery> _open = [];

        public bool WantsLiteral(ImapLiteralContext context, long length) =>
            context.IsItemValue && context.FetchItem is { } item && item.Equals("BODY[]", StringComparison.OrdinalIgnoreCase);

        public async ValueTask<object?> ReceiveAsync(ImapLiteralContext context, long length, Stream content, CancellationToken cancellationToken)
        {
            var delivery = maildir.Begin();
            _open.Add(delivery);
            await delivery.CopyFromAsync(content, cancellationToken).ConfigureAwait(false);
            return delivery;
        }

        public void Forget(MaildirDelivery delivery) => _open.Remove(delivery);

        /// <summary>After a failure: bodies whose FETCH never completed leave nothing behind.</summary>
        public void AbandonRest()
        {
            foreach (var delivery in _open)
                delivery.Dispose();
            _open.Clear();
        }
    }
}
