using System.Globalization;

namespace Inet.Imap;

/// <summary>
/// One FETCH answer, typed: UID, FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE, MODSEQ, and every item as
/// the server sent it (<see cref="Items"/>; body sections by name, e.g. "BODY[]", "BODY[HEADER]").
/// </summary>
public sealed class ImapFetchedMessage
{
    private readonly Dictionary<string, ImapValue> _items;

    private ImapFetchedMessage(ulong sequenceNumber, Dictionary<string, ImapValue> items)
    {
        SequenceNumber = sequenceNumber;
        _items = items;
    }

    public ulong SequenceNumber { get; }

    public IReadOnlyDictionary<string, ImapValue> Items => _items;

    public ulong? Uid => Number("UID");

    public ulong? Size => Number("RFC822.SIZE");

    public ulong? ModSeq => _items.TryGetValue("MODSEQ", out var v) && v.Kind == ImapValueKind.List && v.AsList().Count > 0 ? v.AsList()[0].AsNumber() : null;

    public IReadOnlyList<string>? Flags => _items.TryGetValue("FLAGS", out var v) && v.Kind == ImapValueKind.List
        ? [.. v.AsList().Select(f => f.AsString() ?? "")] : null;

    /// <summary>INTERNALDATE ("17-Jul-1996 02:44:25 -0700"): when the server received the message.</summary>
    public DateTimeOffset? InternalDate => _items.TryGetValue("INTERNALDATE", out var v) && v.AsString() is { } text ? ParseDate(text) : null;

    public ImapEnvelope? Envelope => _items.TryGetValue("ENVELOPE", out var v) ? ImapEnvelope.Parse(v) : null;

    /// <summary>BODYSTRUCTURE (or BODY), parsed; a malformed one throws <see cref="FormatException"/>.</summary>
    public ImapBodyPart? BodyStructure =>
        _items.TryGetValue("BODYSTRUCTURE", out var v) || _items.TryGetValue("BODY", out v) ? ImapBodyPart.Parse(v) : null;

    /// <summary>A section's value ("BODY[]", "BODY[HEADER]", "BINARY[1]"): bytes held in memory, a streamed literal, or NIL.</summary>
    public ImapValue? Section(string name) => _items.TryGetValue(name.ToUpperInvariant(), out var v) ? v : null;

    /// <summary>Builds the message from a "* n FETCH (...)" response; null for any other response.</summary>
    public static ImapFetchedMessage? From(ImapResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.DataName != "FETCH" || response.Number is not { } number || response.Arguments.Count == 0 || response.Arguments[0].Kind != ImapValueKind.List)
            return null;
        var list = response.Arguments[0].AsList();
        var items = new Dictionary<string, ImapValue>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Count; i += 2)
            items[(list[i].AsString() ?? "").ToUpperInvariant()] = list[i + 1];
        return new ImapFetchedMessage(number, items);
    }

    private ulong? Number(string name) => _items.TryGetValue(name, out var v) && v.Kind == ImapValueKind.Number ? v.AsNumber() : null;

    internal static DateTimeOffset? ParseDate(string text)
    {
        // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE (RFC 9051 9)
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[2].Length != 5)
            return null;
        var zone = parts[2];
        if (!DateTime.TryParseExact(parts[0] + " " + parts[1], "d-MMM-yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            return null;
        var offset = new TimeSpan(hours, minutes, 0);
        return new DateTimeOffset(local, zone[0] == '-' ? -offset : offset);
    }
}
