namespace Inet.Imap;

/// <summary>How a client must send a string argument (see <see cref="ImapQuoting"/>).</summary>
public enum ImapArgumentForm
{
    /// <summary>As it is: a non-empty atom with no special characters.</summary>
    Atom,
    /// <summary>In double quotes, with "\" and '"' escaped.</summary>
    Quoted,
    /// <summary>As a literal: "{n}" and a continuation (or "{n+}" with LITERAL+), then the UTF-8 bytes.</summary>
    Literal,
}
