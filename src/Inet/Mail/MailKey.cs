using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Inet.Mail;

/// <summary>
/// Identifies one message on one server: IMAP by (source, UIDVALIDITY, UID), POP3 by (source, UIDL). The source
/// is whatever names the mailbox for the caller (for example <c>imaps://user@host/INBOX</c>); keys of different
/// sources never match. The key is written into the delivered file's name so a crash cannot separate the two.
/// </summary>
public readonly record struct MailKey
{
    private MailKey(string source, uint uidValidity, uint uid, string? uidl)
    {
        Source = source;
        UidValidity = uidValidity;
        Uid = uid;
        Uidl = uidl;
    }

    /// <summary>The mailbox this key belongs to, as given by the caller.</summary>
    public string Source { get; }

    /// <summary>IMAP UIDVALIDITY, or 0 for a POP3 key.</summary>
    public uint UidValidity { get; }

    /// <summary>IMAP UID, or 0 for a POP3 key.</summary>
    public uint Uid { get; }

    /// <summary>POP3 unique-id (UIDL), or null for an IMAP key.</summary>
    public string? Uidl { get; }

    /// <summary>True for a POP3 key.</summary>
    public bool IsPop3 => Uidl is not null;

    /// <summary>A key for IMAP message <paramref name="uid"/> under <paramref name="uidValidity"/> (both nonzero, RFC 3501 §2.3.1.1).</summary>
    public static MailKey Imap(string source, uint uidValidity, uint uid)
    {
        CheckSource(source);
        ArgumentOutOfRangeException.ThrowIfZero(uidValidity);
        ArgumentOutOfRangeException.ThrowIfZero(uid);
        return new MailKey(source, uidValidity, uid, null);
    }

    /// <summary>
    /// A key for the POP3 message with unique-id <paramref name="uidl"/>. RFC 1939 allows 1–70 characters 0x21–0x7E;
    /// anything else a server sends is accepted too (it never reaches a file name: the name carries a hash).
    /// </summary>
    public static MailKey Pop3(string source, string uidl)
    {
        CheckSource(source);
        ArgumentException.ThrowIfNullOrEmpty(uidl);
        return new MailKey(source, 0, 0, uidl);
    }

    /// <summary>
    /// The part of a Maildir file name that carries this key: <c>inet-&lt;source hash&gt;-i&lt;uidvalidity&gt;-&lt;uid&gt;</c>
    /// or <c>inet-&lt;source hash&gt;-p&lt;uidl hash&gt;</c>, lowercase hex and digits only.
    /// </summary>
    internal string FileToken => Uidl is null
        ? string.Create(CultureInfo.InvariantCulture, $"inet-{Hash(Source, 12)}-i{UidValidity}-{Uid}")
        : $"inet-{Hash(Source, 12)}-p{Hash(Uidl, 16)}";

    public override string ToString() => Uidl is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Source} UIDVALIDITY {UidValidity} UID {Uid}")
        : $"{Source} UIDL {Uidl}";

    private static string Hash(string text, int hexChars) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexChars];

    private static void CheckSource(string source) => ArgumentException.ThrowIfNullOrEmpty(source);
}
