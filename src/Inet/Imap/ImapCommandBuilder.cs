using System.Globalization;
using System.Text;

namespace Inet.Imap;

/// <summary>
/// Builds one command's wire form: atoms and numbers as they are, strings as quoted strings when they
/// can be, and as literals when they hold CR, LF, NUL, 8-bit text (without UTF8=ACCEPT) or are long.
/// CR/LF/NUL are therefore never sent raw: they travel inside a literal, as RFC 9051 4.3 allows.
/// </summary>
public sealed class ImapCommandBuilder
{
    private readonly List<Part> _parts = [];
    private readonly StringBuilder _text = new();
    private bool _groupJustOpened;

    /// <summary>A piece of the command: text up to a literal, then the literal's bytes (or stream).</summary>
    internal readonly record struct Part(string Text, byte[]? Literal, Stream? LiteralStream, long LiteralLength, bool Binary);

    public ImapCommandBuilder(string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        Core.CommandGuard.Check(verb, nameof(verb));
        _text.Append(verb);
        Verb = verb;
    }

    /// <summary>The command name, e.g. "UID FETCH".</summary>
    public string Verb { get; }

    /// <summary>True when an argument is a secret (LOGIN's password): logs and messages show only the verb.</summary>
    public bool IsSensitive { get; private set; }

    /// <summary>A secret string argument (quoted or literal as needed); the command is then never logged or shown whole.</summary>
    public ImapCommandBuilder Secret(string value)
    {
        IsSensitive = true;
        return String(value);
    }

    /// <summary>Protocol text the caller vouches for (atoms, sequence sets, parenthesized item lists), after a space.</summary>
    public ImapCommandBuilder Raw(string text)
    {
        Core.CommandGuard.Check(text, nameof(text));
        Separator();
        _text.Append(text);
        return this;
    }

    public ImapCommandBuilder Number(ulong value)
    {
        Separator();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>An astring: an atom or quoted string when it can be (<see cref="ImapQuoting"/>), else a literal. <paramref name="utf8"/>: UTF8=ACCEPT is on.</summary>
    public ImapCommandBuilder String(string value, bool utf8 = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        Separator();
        if (value.Length <= 1024 && ImapQuoting.TryFormat(value, out var formatted, utf8))
        {
            _text.Append(formatted);
            return this;
        }
        return AppendLiteral(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A mailbox name: modified UTF-7 (RFC 3501 5.1.3), or UTF-8 as is once UTF8=ACCEPT is enabled.</summary>
    public ImapCommandBuilder Mailbox(string name, bool utf8 = false) =>
        String(utf8 ? name : ImapMailboxName.Encode(name), utf8);

    /// <summary>A literal of raw bytes (APPEND's message is one).</summary>
    public ImapCommandBuilder Literal(byte[] bytes)
    {
        Separator();
        return AppendLiteral(bytes);
    }

    /// <summary>A literal read from <paramref name="content"/> while sending (APPEND of a file), <paramref name="length"/> bytes.</summary>
    public ImapCommandBuilder Literal(Stream content, long length)
    {
        ArgumentNullException.ThrowIfNull(content);
        Separator();
        _parts.Add(new Part(_text.ToString(), null, content, length, false));
        _text.Clear();
        return this;
    }

    /// <summary>" (": the next argument follows without a space.</summary>
    public ImapCommandBuilder OpenGroup()
    {
        Separator();
        _text.Append('(');
        _groupJustOpened = true;
        return this;
    }

    public ImapCommandBuilder CloseGroup()
    {
        _text.Append(')');
        _groupJustOpened = false;
        return this;
    }

    internal IReadOnlyList<Part> Parts => _parts;

    private void Separator()
    {
        if (!_groupJustOpened)
            _text.Append(' ');
        _groupJustOpened = false;
    }

    /// <summary>The text after the last literal (or the whole command when there is none).</summary>
    internal string Tail => _text.ToString();

    /// <summary>The command as logged: literals shown by size only, a sensitive command by its verb only.</summary>
    public override string ToString()
    {
        if (IsSensitive)
            return Verb + " " + Core.ProtocolLog.Redacted;
        var log = new StringBuilder();
        foreach (var part in _parts)
            log.Append(part.Text).Append(CultureInfo.InvariantCulture, $"{{{part.LiteralLength}}}<{part.LiteralLength} bytes>");
        return log.Append(_text).ToString();
    }

    private ImapCommandBuilder AppendLiteral(byte[] bytes)
    {
        _parts.Add(new Part(_text.ToString(), bytes, null, bytes.Length, false));
        _text.Clear();
        return this;
    }
}
