using System.Globalization;

namespace Inet.Imap;

/// <summary>
/// A typed SEARCH query (RFC 9051 6.4.4). Keys combine with <see cref="And"/> (juxtaposition), <see cref="Or"/>
/// and <see cref="Not"/>. Strings go out quoted or as literals, never raw; a non-ASCII string adds CHARSET UTF-8.
/// </summary>
public abstract class ImapSearchQuery
{
    public static ImapSearchQuery All { get; } = new Key("ALL");
    public static ImapSearchQuery Seen { get; } = new Key("SEEN");
    public static ImapSearchQuery Unseen { get; } = new Key("UNSEEN");
    public static ImapSearchQuery Answered { get; } = new Key("ANSWERED");
    public static ImapSearchQuery Flagged { get; } = new Key("FLAGGED");
    public static ImapSearchQuery Deleted { get; } = new Key("DELETED");
    public static ImapSearchQuery Draft { get; } = new Key("DRAFT");

    /// <summary>SINCE: internal date on or after the day (the server's time zone), not the Date: header.</summary>
    public static ImapSearchQuery Since(DateOnly day) => new Key("SINCE " + Day(day));
    public static ImapSearchQuery Before(DateOnly day) => new Key("BEFORE " + Day(day));
    public static ImapSearchQuery On(DateOnly day) => new Key("ON " + Day(day));
    public static ImapSearchQuery SentSince(DateOnly day) => new Key("SENTSINCE " + Day(day));
    public static ImapSearchQuery Larger(ulong size) => new Key("LARGER " + size.ToString(CultureInfo.InvariantCulture));
    public static ImapSearchQuery Smaller(ulong size) => new Key("SMALLER " + size.ToString(CultureInfo.InvariantCulture));
    public static ImapSearchQuery Uid(string set) => new Key("UID " + ImapSequenceSet.Check(set, nameof(set)));
    public static ImapSearchQuery Keyword(string flag) => new Key("KEYWORD " + Core.CommandGuard.CheckToken(flag, nameof(flag)));

    public static ImapSearchQuery From(string text) => new Text("FROM", text);
    public static ImapSearchQuery To(string text) => new Text("TO", text);
    public static ImapSearchQuery Cc(string text) => new Text("CC", text);
    public static ImapSearchQuery Subject(string text) => new Text("SUBJECT", text);
    public static ImapSearchQuery Body(string text) => new Text("BODY", text);
    public static ImapSearchQuery TextContains(string text) => new Text("TEXT", text);
    public static ImapSearchQuery Header(string field, string text) => new Text("HEADER " + Core.CommandGuard.CheckToken(field, nameof(field)), text);

    public static ImapSearchQuery Not(ImapSearchQuery query) => new Unary("NOT", query);
    public static ImapSearchQuery Or(ImapSearchQuery left, ImapSearchQuery right) => new Binary(left, right);

    public ImapSearchQuery And(ImapSearchQuery other) => new Conjunction([this, other]);

    /// <summary>True when a string key is not ASCII: the command then names CHARSET UTF-8.</summary>
    internal abstract bool NeedsUtf8 { get; }

    internal abstract void WriteTo(ImapCommandBuilder command, bool utf8);

    private static string Day(DateOnly day) => day.ToString("d-MMM-yyyy", CultureInfo.InvariantCulture);

    private sealed class Key(string text) : ImapSearchQuery
    {
        internal override bool NeedsUtf8 => false;
        internal override void WriteTo(ImapCommandBuilder command, bool utf8) => command.Raw(text);
    }

    private sealed class Text(string key, string value) : ImapSearchQuery
    {
        internal override bool NeedsUtf8 => !System.Text.Ascii.IsValid(value);
        internal override void WriteTo(ImapCommandBuilder command, bool utf8) => command.Raw(key).String(value, utf8);
    }

    private sealed class Unary(string op, ImapSearchQuery inner) : ImapSearchQuery
    {
        internal override bool NeedsUtf8 => inner.NeedsUtf8;
        internal override void WriteTo(ImapCommandBuilder command, bool utf8)
        {
            command.Raw(op);
            inner.WriteTo(command, utf8);
        }
    }

    private sealed class Binary(ImapSearchQuery left, ImapSearchQuery right) : ImapSearchQuery
    {
        internal override bool NeedsUtf8 => left.NeedsUtf8 || right.NeedsUtf8;
        internal override void WriteTo(ImapCommandBuilder command, bool utf8)
        {
            command.Raw("OR");
            Grouped(left, command, utf8);
            Grouped(right, command, utf8);
        }
    }

    private sealed class Conjunction(IReadOnlyList<ImapSearchQuery> parts) : ImapSearchQuery
    {
        internal override bool NeedsUtf8 => parts.Any(p => p.NeedsUtf8);
        internal override void WriteTo(ImapCommandBuilder command, bool utf8)
        {
            foreach (var part in parts)
                part.WriteTo(command, utf8);
        }
    }

    /// <summary>A conjunction under OR or NOT needs parentheses to stay one key.</summary>
    private static void Grouped(ImapSearchQuery query, ImapCommandBuilder command, bool utf8)
    {
        if (query is not Conjunction)
        {
            query.WriteTo(command, utf8);
            return;
        }
        command.OpenGroup();
        query.WriteTo(command, utf8);
        command.CloseGroup();
    }
}
