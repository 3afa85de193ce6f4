namespace Inet.Imap;

/// <summary>
/// A bracketed response code (RFC 9051 7.1): "[UIDVALIDITY 3857529045]" has the name "UIDVALIDITY"
/// and one number argument; "[PERMANENTFLAGS (\Deleted \*)]" one list; "[ALERT]" none.
/// </summary>
/// <param name="Name">The code's atom in upper case.</param>
/// <param name="Arguments">
/// What follows the name, parsed as values ("COPYUID 38505 304,319:320 3956:3958" gives a number and
/// two atoms). Text that does not parse (the RFC allows any text in unknown codes) is one atom.
/// </param>
/// <param name="RawArguments">The text between the name and "]", as sent ("" when there is none).</param>
public sealed record ImapResponseCode(string Name, IReadOnlyList<ImapValue> Arguments, string RawArguments)
{
    /// <summary>True when the code is <paramref name="name"/> (ignoring case).</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => RawArguments.Length == 0 ? Name : $"{Name} {RawArguments}";
}
