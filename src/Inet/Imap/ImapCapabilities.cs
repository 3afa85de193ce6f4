namespace Inet.Imap;

/// <summary>The server's CAPABILITY list (upper-case), with the ones the client acts on as properties.</summary>
public sealed class ImapCapabilities
{
    private readonly HashSet<string> _names;

    public ImapCapabilities(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(names.Select(n => n.ToUpperInvariant()), StringComparer.Ordinal);
    }

    public static readonly ImapCapabilities None = new([]);

    /// <summary>From a CAPABILITY answer's values (untagged data or a [CAPABILITY ...] response code).</summary>
    public static ImapCapabilities From(IEnumerable<ImapValue> values) => new(values.Select(v => v.AsString() ?? ""));

    public IReadOnlyCollection<string> Names => _names;

    public bool Has(string name) => _names.Contains(name.ToUpperInvariant());

    /// <summary>SASL mechanisms from AUTH=... entries.</summary>
    public IReadOnlyList<string> AuthMechanisms => [.. _names.Where(n => n.StartsWith("AUTH=", StringComparison.Ordinal)).Select(n => n[5..])];

    public bool Imap4Rev2 => Has("IMAP4REV2");
    public bool StartTls => Has("STARTTLS");
    public bool LoginDisabled => Has("LOGINDISABLED");
    public bool LiteralPlus => Has("LITERAL+");
    public bool LiteralMinus => Has("LITERAL-");
    public bool SaslIr => Has("SASL-IR");
    public bool Idle => Has("IDLE");
    public bool Move => Has("MOVE") || Imap4Rev2;
    public bool UidPlus => Has("UIDPLUS") || Imap4Rev2;
    public bool Unselect => Has("UNSELECT") || Imap4Rev2;
    public bool Enable => Has("ENABLE") || Imap4Rev2;
    public bool Namespace => Has("NAMESPACE") || Imap4Rev2;
    public bool Id => Has("ID");
    public bool CondStore => Has("CONDSTORE");
    public bool QResync => Has("QRESYNC");
    public bool Utf8Accept => Has("UTF8=ACCEPT") || Has("UTF8=ONLY");

    public override string ToString() => string.Join(' ', _names.Order(StringComparer.Ordinal));
}
