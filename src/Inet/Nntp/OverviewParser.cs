using System.Buffers.Text;
using System.Text;

namespace Inet.Nntp;

/// <summary>Parses one OVER/XOVER line (TAB separated) straight from the received bytes.</summary>
public static class OverviewParser
{
    private static readonly KeyValuePair<string, string>[] NoExtra = [];

    /// <summary>
    /// Returns false when the line lacks the article number or the seven standard fields. The record keeps
    /// its own copy of the line, so the caller may reuse <paramref name="text"/>'s buffer at once.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, OverviewFormat format, out OverviewRecord record)
    {
        ArgumentNullException.ThrowIfNull(format);
        record = null!;
        var line = new FieldCursor(text, false);
        if (!TakeField(ref line, out var numberField) || !Utf8Parser.TryParse(numberField, out long number, out var used) || used != numberField.Length)
            return false;
        // Subject to References are only checked for here; the record decodes them when asked.
        for (var i = 0; i < 5; i++)
        {
            if (!TakeField(ref line, out _))
                return false;
        }
        var hasBytes = TakeField(ref line, out var bytesField);
        var hasLines = TakeField(ref line, out var linesField);
        if (!hasBytes)
            return false;
        var hasExtra = format.ExtraNames.Count > 0 && hasLines && !line.Done;
        var block = OverviewLineStore.Copy(text, out var start);
        record = new OverviewRecord(block, start, text.Length, hasExtra ? format : null,
            number, Number(bytesField), hasLines ? Number(linesField) : 0);
        return true;
    }

    /// <summary>Field <paramref name="index"/> (0 = article number) of a line that TryParse accepted.</summary>
    internal static ReadOnlySpan<byte> FieldAt(ReadOnlySpan<byte> text, int index)
    {
        for (; index > 0; index--)
            text = text[(text.IndexOf((byte)'\t') + 1)..];
        var tab = text.IndexOf((byte)'\t');
        return tab < 0 ? text : text[..tab];
    }

    /// <summary>The extra fields after :lines of a line that TryParse accepted, named from <paramref name="format"/>.</summary>
    internal static KeyValuePair<string, string>[] ParseExtra(ReadOnlySpan<byte> text, OverviewFormat format)
    {
        var line = new FieldCursor(text, false);
        for (var i = 0; i < 8; i++)
            TakeField(ref line, out _);
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
    internal static string Text(ReadOnlySpan<byte> field) =>
        field.IsEmpty ? "" : Ascii.IsValid(field) ? Encoding.Latin1.GetString(field) : Encoding.UTF8.GetString(field);
}
