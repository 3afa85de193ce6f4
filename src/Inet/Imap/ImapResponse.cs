using System.Text;
using Inet.Core;

namespace Inet.Imap;

/// <summary>
/// One complete server response, literals included. A status response (OK, NO, BAD, BYE, PREAUTH,
/// tagged or untagged) has <see cref="Status"/>, <see cref="Code"/> and <see cref="Text"/>; untagged
/// data has <see cref="Values"/> ("* 23 EXISTS" is [23, EXISTS]); a continuation has <see cref="Text"/>.
/// </summary>
public sealed class ImapResponse
{
    internal ImapResponse(ImapResponseKind kind, string? tag, ImapStatus? status, ImapResponseCode? code, string text, IReadOnlyList<ImapValue> values)
    {
        Kind = kind;
        Tag = tag;
        Status = status;
        Code = code;
        Text = text;
        Values = values;
    }

    public ImapResponseKind Kind { get; }

    /// <summary>The tag of a tagged response; null otherwise.</summary>
    public string? Tag { get; }

    /// <summary>The condition of a status response; null for data and continuations.</summary>
    public ImapStatus? Status { get; }

    /// <summary>The bracketed response code of a status response or continuation, if any.</summary>
    public ImapResponseCode? Code { get; }

    /// <summary>The human-readable text of a status response, or everything after "+ " of a continuation (maybe base64).</summary>
    public string Text { get; }

    /// <summary>The parsed values of untagged data (empty for status responses and continuations).</summary>
    public IReadOnlyList<ImapValue> Values { get; }

    /// <summary>True for untagged data (not a status response).</summary>
    public bool IsData => Kind == ImapResponseKind.Untagged && Status is null;

    /// <summary>
    /// The data name in upper case: "EXISTS" for "* 23 EXISTS", "CAPABILITY" for "* CAPABILITY ...",
    /// "FETCH" for "* 12 FETCH (...)"; null for status responses and continuations.
    /// </summary>
    public string? DataName
    {
        get
        {
            if (!IsData || Values.Count == 0)
                return null;
            var index = Values[0].Kind == ImapValueKind.Number ? 1 : 0;
            return index < Values.Count && Values[index].Kind == ImapValueKind.Atom ? Values[index].AsString()!.ToUpperInvariant() : null;
        }
    }

    /// <summary>The number before the data name ("* 23 EXISTS", "* 12 FETCH"), if there is one.</summary>
    public ulong? Number => IsData && Values.Count > 1 && Values[0].Kind == ImapValueKind.Number ? Values[0].AsNumber() : null;

    /// <summary>The arguments after the data name: the FETCH list, the SEARCH numbers, the LIST attributes, delimiter and name (a copy per call).</summary>
    public IReadOnlyList<ImapValue> Arguments
    {
        get
        {
            if (DataName is null)
                return [];
            var skip = Values[0].Kind == ImapValueKind.Number ? 2 : 1;
            return [.. Values.Skip(skip)];
        }
    }

    /// <summary>
    /// Finds a FETCH item by name ("UID", "FLAGS", "BODY[]", "BODY[HEADER.FIELDS (SUBJECT)]"), ignoring
    /// case. Returns false if this is not a FETCH response or the item is absent.
    /// </summary>
    public bool TryGetFetchItem(string name, out ImapValue value)
    {
        value = default;
        if (!IsData || Values.Count != 3 || Values[0].Kind != ImapValueKind.Number || !Values[1].IsAtom("FETCH") || Values[2].Kind != ImapValueKind.List)
            return false;
        var items = Values[2].AsList();
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            if (items[i].IsAtom(name))
            {
                value = items[i + 1];
                return true;
            }
        }
        return false;
    }

    /// <summary>The response as it might have been sent (literals shown escaped; for logs and tests).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Kind switch { ImapResponseKind.Tagged => Tag, ImapResponseKind.Continuation => "+", _ => "*" });
        if (Status is { } status)
            builder.Append(' ').Append(status == ImapStatus.PreAuth ? "PREAUTH" : status.ToString().ToUpperInvariant());
        if (Code is not null)
            builder.Append(" [").Append(Code).Append(']');
        if (Kind == ImapResponseKind.Continuation || Status is not null)
            builder.Append(' ').Append(Printable.Escape(Text));
        foreach (var value in Values)
        {
            builder.Append(' ');
            value.AppendTo(builder);
        }
        return builder.ToString();
    }
}
