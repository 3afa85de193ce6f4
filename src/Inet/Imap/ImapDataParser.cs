using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Inet.Core;

namespace Inet.Imap;

/// <summary>
/// Turns the data part of one untagged response into values, one line segment at a time: a segment
/// that ends in a literal header "{n}", "{n+}" or "~{n}" stops there; the caller reads the literal,
/// hands it to <see cref="AddLiteral"/> and feeds the next segment. Open lists carry over.
/// </summary>
internal sealed class ImapDataParser
{
    private readonly ImapReaderLimits _limits;
    private readonly List<List<ImapValue>> _stack = [[]];
    private int _values;
    private bool _needDelimiter;

    public ImapDataParser(ImapReaderLimits limits) => _limits = limits;

    /// <summary>The top-level values (complete once <see cref="Parse"/> returned false).</summary>
    public List<ImapValue> Values => _stack[0];

    /// <summary>
    /// Parses one segment. Returns true when it ended in a literal header (<paramref name="literalLength"/>
    /// bytes follow), false when the response is complete.
    /// </summary>
    public bool Parse(ReadOnlySpan<byte> line, out long literalLength, out bool binary)
    {
        literalLength = 0;
        binary = false;
        var i = 0;
        while (i < line.Length)
        {
            var b = line[i];
            if (b == ' ')
            {
                i++;
                _needDelimiter = false;
                continue;
            }
            if (b == ')')
            {
                if (_stack.Count == 1)
                    throw Violation("Unbalanced parentheses: \")\" without \"(\"", line);
                var list = _stack[^1];
                _stack.RemoveAt(_stack.Count - 1);
                _stack[^1].Add(ImapValue.List(list));
                i++;
                _needDelimiter = true;
                continue;
            }
            if (b == '(')
            {
                if (_stack.Count > _limits.MaxDepth)
                    throw Violation($"Lists nested deeper than {_limits.MaxDepth} levels", line);
                Count(line);
                _stack.Add([]);
                i++;
                _needDelimiter = false;
                continue;
            }
            if (_needDelimiter)
                throw Violation($"Unexpected {Describe(b)} right after a value (a space or parenthesis must follow)", line);
            if (b == '{' || (b == '~' && i + 1 < line.Length && line[i + 1] == '{'))
            {
                binary = b == '~';
                literalLength = ParseLiteralHeader(line, binary ? i + 1 : i);
                return true;
            }
            Count(line);
            _stack[^1].Add(b == '"' ? ParseQuoted(line, ref i) : ParseAtom(line, ref i));
            _needDelimiter = true;
        }
        if (_stack.Count > 1)
            throw Violation($"Unbalanced parentheses: {_stack.Count - 1} list(s) still open at the end of the response", line);
        return false;
    }

    /// <summary>Adds the literal that the last segment announced.</summary>
    public void AddLiteral(ImapValue value)
    {
        Count(default);
        _stack[^1].Add(value);
        _needDelimiter = true;
    }

    /// <summary>Where the literal announced by the last segment sits: data name, message number, FETCH item.</summary>
    public ImapLiteralContext LiteralContext(bool binary)
    {
        var top = _stack[0];
        ulong? number = top.Count > 0 && top[0].Kind == ImapValueKind.Number ? top[0].AsNumber() : null;
        var nameIndex = number is null ? 0 : 1;
        var dataName = nameIndex < top.Count && top[nameIndex].Kind == ImapValueKind.Atom ? top[nameIndex].AsString()!.ToUpperInvariant() : null;
        string? item = null;
        var isItemValue = false;
        if (dataName == "FETCH" && number is not null && top.Count == 2 && _stack.Count >= 2)
        {
            var items = _stack[1];
            if (items.Count % 2 == 1 && items[^1].Kind == ImapValueKind.Atom)
            {
                item = items[^1].AsString();
                isItemValue = _stack.Count == 2;
            }
        }
        return new ImapLiteralContext(dataName, number, item, isItemValue, binary);
    }

    private void Count(ReadOnlySpan<byte> line)
    {
        if (++_values > _limits.MaxValues)
            throw Violation($"More than {_limits.MaxValues} values in one response", line);
    }

    private static long ParseLiteralHeader(ReadOnlySpan<byte> line, int open)
    {
        var close = line[open..].IndexOf((byte)'}');
        if (close < 0)
            throw Violation("Bad literal header: no closing \"}\"", line);
        close += open;
        if (close != line.Length - 1)
            throw Violation("Bad literal header: it must end the line", line);
        var digits = line[(open + 1)..close];
        if (digits.Length > 0 && digits[^1] == '+')
            digits = digits[..^1];
        if (digits.Length is 0 or > 18 || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0
            || !Utf8Parser.TryParse(digits, out long length, out var used) || used != digits.Length)
            throw Violation("Bad literal header: the length is not a number", line);
        return length;
    }

    private static ImapValue ParseQuoted(ReadOnlySpan<byte> line, ref int i)
    {
        var start = i + 1;
        var escaped = false;
        var j = start;
        for (; j < line.Length; j++)
        {
            var b = line[j];
            if (b == '"')
                break;
            if (b is (byte)'\r' or 0)
                throw Violation("A quoted string contains a CR or NUL byte", line);
            if (b == '\\')
            {
                escaped = true;
                j++;
            }
        }
        if (j >= line.Length)
            throw Violation("Unterminated quoted string (quoted strings cannot span lines)", line);
        var raw = line[start..j];
        i = j + 1;
        return ImapValue.Quoted(escaped ? Unescape(raw) : Encoding.UTF8.GetString(raw));
    }

    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var n = 0;
            for (var k = 0; k < raw.Length; k++)
            {
                // "\" quotes only '"' and '\'; anything else keeps its backslash (lenient towards odd servers).
                if (raw[k] == '\\' && k + 1 < raw.Length && raw[k + 1] is (byte)'"' or (byte)'\\')
                    k++;
                rented[n++] = raw[k];
            }
            return Encoding.UTF8.GetString(rented, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ImapValue ParseAtom(ReadOnlySpan<byte> line, ref int i)
    {
        var start = i;
        while (i < line.Length)
        {
            var b = line[i];
            if (b == '[')
            {
                i = SkipSection(line, i);
                continue;
            }
            if (b <= ' ' || b == 0x7f || b is (byte)'(' or (byte)')' or (byte)'"' or (byte)'{')
                break;
            i++;
        }
        if (i == start)
            throw Violation($"Unexpected {Describe(line[i])}", line);
        return MakeAtom(line[start..i]);
    }

    /// <summary>Skips a bracketed section such as "[HEADER.FIELDS (SUBJECT FROM)]": spaces, parentheses and quoted strings included.</summary>
    private static int SkipSection(ReadOnlySpan<byte> line, int open)
    {
        for (var j = open + 1; j < line.Length; j++)
        {
            switch (line[j])
            {
                case (byte)']':
                    return j + 1;
                case (byte)'"':
                    for (j++; j < line.Length && line[j] != '"'; j++)
                    {
                        if (line[j] == '\\')
                            j++;
                    }
                    break;
                case < (byte)' ' or 0x7f:
                    throw Violation("A control byte inside a bracketed section", line);
            }
        }
        throw Violation("Unterminated \"[\" section (a section must close on the same line)", line);
    }

    internal static ImapValue MakeAtom(ReadOnlySpan<byte> atom)
    {
        if (atom.Length is 3 && (atom[0] | 0x20) == 'n' && (atom[1] | 0x20) == 'i' && (atom[2] | 0x20) == 'l')
            return ImapValue.Nil;
        // Digits with no leading zero are a number; "007" stays an atom so its text survives.
        if (atom.Length <= 20 && (atom.Length == 1 || atom[0] != '0') && atom.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && Utf8Parser.TryParse(atom, out ulong number, out var used) && used == atom.Length)
            return ImapValue.Number(number);
        return ImapValue.Atom(Encoding.UTF8.GetString(atom));
    }

    private static string Describe(byte b) => b is > (byte)' ' and < 0x7f ? $"\"{(char)b}\"" : $"byte 0x{b:x2}";

    internal static ProtocolViolationException Violation(string problem, ReadOnlySpan<byte> line) =>
        new($"{problem} in the IMAP response: {Printable.Escape(line)}");
}
