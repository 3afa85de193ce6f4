using Inet.Core;

namespace Inet.Imap;

public sealed partial class ImapClient
{
    /// <summary>SELECT: opens a mailbox read-write; <see cref="Selected"/> then describes it.</summary>
    public Task<ImapMailbox> SelectAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("SELECT", mailbox, readOnly: false, null, cancellationToken);

    /// <summary>
    /// SELECT with CONDSTORE (RFC 7162: HIGHESTMODSEQ, MODSEQ in FETCH) or QRESYNC (resynchronisation: the server
    /// reports what vanished since <see cref="ImapResync.ModSeq"/> in <see cref="ImapMailbox.Vanished"/>). QRESYNC
    /// needs ENABLE QRESYNC first.
    /// </summary>
    public Task<ImapMailbox> SelectAsync(string mailbox, bool condStore, ImapResync? resync = null, CancellationToken cancellationToken = default) =>
        OpenAsync("SELECT", mailbox, readOnly: false, SelectParameters(condStore, resync), cancellationToken);

    /// <summary>EXAMINE: opens a mailbox read-only (fetching BODY[] then sets no \Seen flag).</summary>
    public Task<ImapMailbox> ExamineAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("EXAMINE", mailbox, readOnly: true, null, cancellationToken);

    private static string? SelectParameters(bool condStore, ImapResync? resync) => resync is { } r
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(QRESYNC ({r.UidValidity} {r.ModSeq}{(r.KnownUids is { } known ? " " + ImapSequenceSet.Check(known, nameof(resync)) : "")}))")
        : condStore ? "(CONDSTORE)" : null;

    private async Task<ImapMailbox> OpenAsync(string verb, string mailbox, bool readOnly, string? parameters, CancellationToken cancellationToken)
    {
        var opened = new ImapMailbox(mailbox, readOnly);
        Selected = opened; // the untagged answers describe the new mailbox
        try
        {
            var command = new ImapCommandBuilder(verb).Mailbox(mailbox, Utf8Enabled);
            if (parameters is not null)
                command.Raw(parameters);
            await RunAsync(command, r =>
            {
                if (r.DataName == "VANISHED" && r.Arguments.Count > 0)
                    opened.AddVanished(ImapSequenceSet.Parse(r.Arguments[^1].AsString() ?? ""));
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Selected = null; // RFC 9051 6.3.2: a failed SELECT leaves no mailbox selected
            throw;
        }
        return opened;
    }

    /// <summary>CLOSE: expunges \Deleted messages (read-write) and leaves the mailbox.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(new ImapCommandBuilder("CLOSE"), cancellationToken: cancellationToken).ConfigureAwait(false);
        Selected = null;
    }

    /// <summary>UNSELECT (RFC 3691): leaves the mailbox without expunging.</summary>
    public async Task UnselectAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(new ImapCommandBuilder("UNSELECT"), cancellationToken: cancellationToken).ConfigureAwait(false);
        Selected = null;
    }

    /// <summary>LIST reference pattern: the mailboxes matching <paramref name="pattern"/> ("*" all, "%" one level).</summary>
    public Task<IReadOnlyList<ImapMailboxInfo>> ListAsync(string pattern = "*", string reference = "", CancellationToken cancellationToken = default) =>
        ListCoreAsync("LIST", reference, pattern, cancellationToken);

    /// <summary>LSUB: the subscribed mailboxes (IMAP4rev1; IMAP4rev2 servers answer LIST (SUBSCRIBED)).</summary>
    public Task<IReadOnlyList<ImapMailboxInfo>> LsubAsync(string pattern = "*", string reference = "", CancellationToken cancellationToken = default) =>
        ListCoreAsync("LSUB", reference, pattern, cancellationToken);

    private async Task<IReadOnlyList<ImapMailboxInfo>> ListCoreAsync(string verb, string reference, string pattern, CancellationToken cancellationToken)
    {
        var found = new List<ImapMailboxInfo>();
        await RunAsync(new ImapCommandBuilder(verb).Mailbox(reference, Utf8Enabled).Mailbox(pattern, Utf8Enabled), r =>
        {
            if (r.DataName == verb && r.Arguments.Count >= 3)
            {
                var raw = r.Arguments[2].AsString() ?? "";
                found.Add(new ImapMailboxInfo(Utf8Enabled ? raw : ImapMailboxName.Decode(raw), r.Arguments[1].AsString(), Strings(r.Arguments[0])) { RawName = raw });
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>STATUS mailbox (MESSAGES UIDNEXT UIDVALIDITY UNSEEN ...), without selecting it.</summary>
    public async Task<ImapStatusInfo> StatusAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var items = "MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN" + (Capabilities.CondStore ? " HIGHESTMODSEQ" : "");
        var status = new ImapStatusInfo(mailbox);
        await RunAsync(new ImapCommandBuilder("STATUS").Mailbox(mailbox, Utf8Enabled).Raw("(" + items + ")"), r =>
        {
            if (r.DataName != "STATUS" || r.Arguments.Count < 2 || r.Arguments[1].Kind != ImapValueKind.List)
                return;
            var list = r.Arguments[1].AsList();
            for (var i = 0; i + 1 < list.Count; i += 2)
            {
                var value = list[i + 1].Kind == ImapValueKind.Number ? list[i + 1].AsNumber() : (ulong?)null;
                status = (list[i].AsString() ?? "").ToUpperInvariant() switch
                {
                    "MESSAGES" => status with { Messages = value },
                    "RECENT" => status with { Recent = value },
                    "UIDNEXT" => status with { UidNext = value },
                    "UIDVALIDITY" => status with { UidValidity = value },
                    "UNSEEN" => status with { Unseen = value },
                    "SIZE" => status with { Size = value },
                    "HIGHESTMODSEQ" => status with { HighestModSeq = value },
                    _ => status,
                };
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return status;
    }

    public Task CreateAsync(string mailbox, CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommandBuilder("CREATE").Mailbox(mailbox, Utf8Enabled), cancellationToken: cancellationToken);

    public Task DeleteAsync(string mailbox, CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommandBuilder("DELETE").Mailbox(mailbox, Utf8Enabled), cancellationToken: cancellationToken);

    public Task RenameAsync(string mailbox, string newName, CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommandBuilder("RENAME").Mailbox(mailbox, Utf8Enabled).Mailbox(newName, Utf8Enabled), cancellationToken: cancellationToken);

    public Task SubscribeAsync(string mailbox, CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommandBuilder("SUBSCRIBE").Mailbox(mailbox, Utf8Enabled), cancellationToken: cancellationToken);

    public Task UnsubscribeAsync(string mailbox, CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommandBuilder("UNSUBSCRIBE").Mailbox(mailbox, Utf8Enabled), cancellationToken: cancellationToken);

    /// <summary>NAMESPACE (RFC 2342): the personal, other users' and shared namespaces as (prefix, delimiter) lists.</summary>
    public async Task<(IReadOnlyList<(string Prefix, string? Delimiter)> Personal, IReadOnlyList<(string Prefix, string? Delimiter)> OtherUsers,
        IReadOnlyList<(string Prefix, string? Delimiter)> Shared)> NamespaceAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(string, string?)>[] spaces = [[], [], []];
        await RunAsync(new ImapCommandBuilder("NAMESPACE"), r =>
        {
            if (r.DataName != "NAMESPACE")
                return;
            for (var i = 0; i < 3 && i < r.Arguments.Count; i++)
            {
                if (r.Arguments[i].Kind == ImapValueKind.List)
                    spaces[i] = [.. r.Arguments[i].AsList().Where(v => v.Kind == ImapValueKind.List && v.AsList().Count >= 2)
                        .Select(v => (v.AsList()[0].AsString() ?? "", v.AsList()[1].AsString()))];
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (spaces[0], spaces[1], spaces[2]);
    }
}
