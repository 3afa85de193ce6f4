using System.Text;

namespace Inet.Imap;

/// <summary>An address from an ENVELOPE: display name (RFC 2047 decoded) and mailbox@host.</summary>
public sealed record ImapAddress(string? Name, string? Mailbox, string? Host)
{
    public string? Address => Mailbox is null ? null : Host is null ? Mailbox : Mailbox + "@" + Host;

    public override string ToString() => Name is null ? Address ?? "" : $"{Name} <{Address}>";
}

/// <summary>The ENVELOPE of a message (RFC 9051 7.5.2): header fields parsed by the server.</summary>
public sealed record ImapEnvelope(string? Date, string? Subject, IReadOnlyList<ImapAddress> From, IReadOnlyList<ImapAddress> Sender,
    IReadOnlyList<ImapAddress> ReplyTo, IReadOnlyList<ImapAddress> To, IReadOnlyList<ImapAddress> Cc, IReadOnlyList<ImapAddress> Bcc,
    string? InReplyTo, string? MessageId)
{
    /// <summary>Parses an ENVELOPE list; a malformed one throws <see cref="FormatException"/>.</summary>
    public static ImapEnvelope Parse(ImapValue value)
    {
        if (value.Kind != ImapValueKind.List || value.AsList().Count < 10)
            throw new FormatException($"Malformed ENVELOPE: {value}");
        var f = value.AsList();
        return new ImapEnvelope(Text(f[0]), Decode(Text(f[1])), Addresses(f[2]), Addresses(f[3]), Addresses(f[4]),
            Addresses(f[5]), Addresses(f[6]), Addresses(f[7]), Text(f[8]), Text(f[9]));
    }

    private static string? Text(ImapValue v) => v.IsNil ? null : v.Kind == ImapValueKind.List ? throw new FormatException("Expected a string in ENVELOPE.") : v.AsString();

    private static IReadOnlyList<ImapAddress> Addresses(ImapValue v)
    {
        if (v.IsNil)
            return [];
        if (v.Kind != ImapValueKind.List)
            throw new FormatException("Expected an address list in ENVELOPE.");
        var result = new List<ImapAddress>();
        foreach (var a in v.AsList())
        {
            if (a.Kind != ImapValueKind.List || a.AsList().Count < 4)
                throw new FormatException("Malformed address in ENVELOPE.");
            var p = a.AsList();
            result.Add(new ImapAddress(Decode(Text(p[0])), Text(p[2]), Text(p[3])));
        }
        return result;
    }

    private static string? Decode(string? text) =>
        text is null || !text.Contains("=?", StringComparison.Ordinal) ? text : MimeKit.Utils.Rfc2047.DecodeText(Encoding.UTF8.GetBytes(text));
}
