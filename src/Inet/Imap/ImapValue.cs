using System.Globalization;
using System.Text;
using Inet.Core;

namespace Inet.Imap;

/// <summary>
/// One token of a parsed response: an atom, a number, a quoted string, a literal, a list or NIL.
/// A small struct (kind, number, reference) so big lists cost no allocation per element.
/// </summary>
public readonly struct ImapValue
{
    private readonly object? _ref;
    private readonly ulong _number;

    private ImapValue(ImapValueKind kind, ulong number, object? reference)
    {
        Kind = kind;
        _number = number;
        _ref = reference;
    }

    public ImapValueKind Kind { get; }

    public static ImapValue Nil => default;

    public bool IsNil => Kind == ImapValueKind.Nil;

    public static ImapValue Atom(string text) => new(ImapValueKind.Atom, 0, text);

    public static ImapValue Number(ulong value) => new(ImapValueKind.Number, value, null);

    public static ImapValue Quoted(string text) => new(ImapValueKind.QuotedString, 0, text);

    public static ImapValue Literal(byte[] bytes) => new(ImapValueKind.Literal, (ulong)bytes.Length, bytes);

    public static ImapValue StreamedLiteral(long length, object? token) => new(ImapValueKind.StreamedLiteral, (ulong)length, token);

    public static ImapValue List(IReadOnlyList<ImapValue> items) => new(ImapValueKind.List, 0, items);

    /// <summary>True for an atom, quoted string, in-memory literal or number (anything <see cref="AsString"/> can read).</summary>
    public bool IsString => Kind is ImapValueKind.Atom or ImapValueKind.QuotedString or ImapValueKind.Literal or ImapValueKind.Number;

    /// <summary>The text of an atom, quoted string or number, a literal decoded as UTF-8; null for NIL.</summary>
    /// <exception cref="ProtocolViolationException">The value is a list or a streamed literal.</exception>
    public string? AsString() => TryGetString(out var text) || IsNil ? text : throw Unexpected("a string");

    /// <summary>Reads the value as a string (NIL gives false and null).</summary>
    public bool TryGetString(out string? text)
    {
        text = Kind switch
        {
            ImapValueKind.Atom or ImapValueKind.QuotedString => (string)_ref!,
            ImapValueKind.Literal => Encoding.UTF8.GetString((byte[])_ref!),
            ImapValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        return text is not null;
    }

    /// <summary>The number.</summary>
    /// <exception cref="ProtocolViolationException">The value is not a number.</exception>
    public ulong AsNumber() => Kind == ImapValueKind.Number ? _number : throw Unexpected("a number");

    /// <summary>The items of a list (NIL reads as an empty list).</summary>
    /// <exception cref="ProtocolViolationException">The value is not a list or NIL.</exception>
    public IReadOnlyList<ImapValue> AsList() => Kind switch
    {
        ImapValueKind.List => (IReadOnlyList<ImapValue>)_ref!,
        ImapValueKind.Nil => [],
        _ => throw Unexpected("a list"),
    };

    /// <summary>The bytes of an in-memory literal, or the UTF-8 bytes of an atom or quoted string; null for NIL.</summary>
    public byte[]? AsBytes() => Kind switch
    {
        ImapValueKind.Literal => (byte[])_ref!,
        ImapValueKind.Nil => null,
        _ => Encoding.UTF8.GetBytes(AsString()!),
    };

    /// <summary>The length of a literal (in memory or streamed).</summary>
    public long LiteralLength => Kind is ImapValueKind.Literal or ImapValueKind.StreamedLiteral ? (long)_number : throw Unexpected("a literal");

    /// <summary>What the sink returned for a streamed literal.</summary>
    public object? StreamToken => Kind == ImapValueKind.StreamedLiteral ? _ref : throw Unexpected("a streamed literal");

    /// <summary>True for an atom equal to <paramref name="name"/>, ignoring ASCII case.</summary>
    public bool IsAtom(string name) => Kind == ImapValueKind.Atom && string.Equals((string)_ref!, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Debugging form, close to the wire syntax (literal contents escaped and shortened).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    internal void AppendTo(StringBuilder builder)
    {
        switch (Kind)
        {
            case ImapValueKind.Nil: builder.Append("NIL"); break;
            case ImapValueKind.Atom: builder.Append((string)_ref!); break;
            case ImapValueKind.Number: builder.Append(_number); break;
            case ImapValueKind.QuotedString:
                builder.Append('"').Append(((string)_ref!).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case ImapValueKind.Literal:
                builder.Append('{').Append(_number).Append('}').Append(Printable.Escape((byte[])_ref!));
                break;
            case ImapValueKind.StreamedLiteral:
                builder.Append('{').Append(_number).Append(" streamed}");
                break;
            case ImapValueKind.List:
                builder.Append('(');
                var items = (IReadOnlyList<ImapValue>)_ref!;
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0) builder.Append(' ');
                    items[i].AppendTo(builder);
                }
                builder.Append(')');
                break;
        }
    }

    private ProtocolViolationException Unexpected(string expected) =>
        new($"Expected {expected} in the server's response, got {Printable.Escape(ToString())}.");
}
