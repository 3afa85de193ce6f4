namespace Inet.Imap;

/// <summary>One LIST/LSUB answer: the name (decoded from modified UTF-7 unless UTF-8 is on), its attributes and hierarchy delimiter.</summary>
public sealed record ImapMailboxInfo(string Name, string? Delimiter, IReadOnlyList<string> Attributes)
{
    /// <summary>The name exactly as the server sent it (use it in commands when you need the server's spelling).</summary>
    public string RawName { get; init; } = Name;

    public bool Has(string attribute) => Attributes.Any(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase));

    /// <summary>\Noselect or \NonExistent: it cannot be selected.</summary>
    public bool CanSelect => !Has("\\Noselect") && !Has("\\NonExistent");
}

/// <summary>A STATUS answer (RFC 9051 6.3.11); absent items are null.</summary>
public sealed record ImapStatusInfo(string Mailbox)
{
    public ulong? Messages { get; init; }
    public ulong? Recent { get; init; }
    public ulong? UidNext { get; init; }
    public ulong? UidValidity { get; init; }
    public ulong? Unseen { get; init; }
    public ulong? Size { get; init; }
    public ulong? HighestModSeq { get; init; }
}
