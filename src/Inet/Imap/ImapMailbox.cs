namespace Inet.Imap;

/// <summary>
/// The selected mailbox as the server has described it (SELECT/EXAMINE answers, then untagged EXISTS,
/// EXPUNGE, FLAGS and response codes as they arrive).
/// </summary>
public sealed class ImapMailbox
{
    internal ImapMailbox(string name, bool readOnly)
    {
        Name = name;
        ReadOnly = readOnly;
    }

    public string Name { get; }

    /// <summary>EXAMINE, or the server answered [READ-ONLY].</summary>
    public bool ReadOnly { get; internal set; }

    public ulong Exists { get; internal set; }

    public ulong Recent { get; internal set; }

    /// <summary>UIDVALIDITY: when it changes, every UID known before means nothing.</summary>
    public ulong UidValidity { get; internal set; }

    public ulong? UidNext { get; internal set; }

    /// <summary>The first unseen message's sequence number (IMAP4rev1 [UNSEEN n]).</summary>
    public ulong? FirstUnseen { get; internal set; }

    public ulong? HighestModSeq { get; internal set; }

    public IReadOnlyList<string> Flags { get; internal set; } = [];

    public IReadOnlyList<string> PermanentFlags { get; internal set; } = [];

    private readonly List<ulong> _vanished = [];

    /// <summary>QRESYNC: UIDs the server reported as expunged since the known MODSEQ (VANISHED (EARLIER)).</summary>
    public IReadOnlyList<ulong> Vanished => _vanished;

    internal void AddVanished(IEnumerable<ulong> uids) => _vanished.AddRange(uids);
}

/// <summary>What a client remembers of a mailbox for QRESYNC (RFC 7162 3.2.5): UIDVALIDITY, MODSEQ, optionally the UIDs it knows.</summary>
public sealed record ImapResync(ulong UidValidity, ulong ModSeq, string? KnownUids = null);
