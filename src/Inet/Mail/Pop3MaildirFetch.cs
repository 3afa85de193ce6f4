using Inet.Core;
using Inet.Pop3;

namespace Inet.Mail;

/// <summary>
/// Fetches a POP3 mailbox into a Maildir, incrementally by UIDL: LIST+UIDL pipelined, RETR of the messages this
/// Maildir does not have, pipelined, each streamed (dot-unstuffed) into tmp/ and renamed into new/ under its key.
/// With <see cref="MailFetchOptions.Delete"/>, the stored messages are deleted on the server only after the state
/// is saved, and QUIT commits that; a run that fails before QUIT deletes nothing.
/// </summary>
public static class Pop3MaildirFetch
{
    public static async Task<MailFetchReport> RunAsync(Pop3Client client, string source, MailFetchState state, Maildir maildir,
        MailFetchOptions? options = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(maildir);
        options ??= new MailFetchOptions();
        var listing = await client.ListWithUidsAsync(cancellationToken).ConfigureAwait(false);
        if (listing.Any(m => m.Uid is null))
            throw new ProtocolException(new Reply(502, "UIDL not offered"), "The server gives no UIDL, so a fetch cannot tell new messages from old ones.");
        IEnumerable<Pop3MessageInfo> candidates = listing;
        if (options.AfterLastUidl)
        {
            var last = -1;
            for (var i = 0; i < listing.Count; i++)
            {
                if (state.IsFetched(MailKey.Pop3(source, listing[i].Uid!)))
                    last = i;
            }
            candidates = listing.Skip(last + 1);
        }
        var wanted = candidates.Where(m => !state.IsFetched(MailKey.Pop3(source, m.Uid!))).ToList();
        var byNumber = wanted.ToDictionary(m => m.Number);
        var fetched = 0;
        long bytes = 0;
        try
        {
            await foreach (var message in client.RetrieveManyAsync([.. wanted.Select(m => m.Number)], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!message.Succeeded || message.Content is null)
                    continue; // gone meanwhile (another session deleted it): nothing to store
                var key = MailKey.Pop3(source, byNumber[message.Number].Uid!);
                await using (var delivery = maildir.Begin(key))
                {
                    await delivery.CopyFromAsync(message.Content, cancellationToken).ConfigureAwait(false);
                    bytes += delivery.Stream.Length;
                    delivery.CommitAs(null);
                }
                state.MarkFetched(key);
                fetched++;
                progress?.Report((fetched, wanted.Count)); // (not ++ inside: ?. skips its argument when null)
            }
        }
        finally
        {
            state.Save();
        }
        var deleted = 0;
        if (options.Delete)
        {
            // Only what is safely stored and recorded: this run's messages and the ones stored before.
            var stored = listing.Where(m => state.IsFetched(MailKey.Pop3(source, m.Uid!))).Select(m => m.Number).ToList();
            if (stored.Count > 0)
                deleted = (await client.DeleteManyAsync(stored, cancellationToken).ConfigureAwait(false)).Count(r => r.IsOk);
            await client.QuitAsync(cancellationToken).ConfigureAwait(false); // QUIT commits the deletions
        }
        return new MailFetchReport(fetched, listing.Count - wanted.Count, bytes) { Deleted = deleted };
    }
}
