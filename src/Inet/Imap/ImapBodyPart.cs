namespace Inet.Imap;

/// <summary>
/// One part of a BODYSTRUCTURE (RFC 9051 7.5.2): type/subtype, parameters, encoding and size for a leaf;
/// the parts for a multipart. Extension data is ignored.
/// </summary>
public sealed record ImapBodyPart(string Type, string Subtype)
{
    /// <summary>Parts are at most this deep; a deeper BODYSTRUCTURE is malformed or hostile.</summary>
    private const int MaxDepth = 32;

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public string? Id { get; init; }
    public string? Description { get; init; }
    public string? Encoding { get; init; }
    public ulong? Size { get; init; }
    public ulong? Lines { get; init; }
    public IReadOnlyList<ImapBodyPart> Parts { get; init; } = [];

    /// <summary>The section number of this part within its message is its path in <see cref="Parts"/>; "1.2" for Parts[0].Parts[1].</summary>
    public bool IsMultipart => Type.Equals("MULTIPART", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a BODYSTRUCTURE or BODY value; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static ImapBodyPart Parse(ImapValue value) => Parse(value, 0);

    private static ImapBodyPart Parse(ImapValue value, int depth)
    {
        if (depth > MaxDepth)
            throw new FormatException("BODYSTRUCTURE nests deeper than " + MaxDepth + " levels.");
        if (value.Kind != ImapValueKind.List || value.AsList().Count == 0)
            throw new FormatException($"Malformed BODYSTRUCTURE: {value}");
        var f = value.AsList();
        if (f[0].Kind == ImapValueKind.List)
        {
            var parts = new List<ImapBodyPart>();
            var i = 0;
            for (; i < f.Count && f[i].Kind == ImapValueKind.List; i++)
                parts.Add(Parse(f[i], depth + 1));
            if (i >= f.Count)
                throw new FormatException("Malformed BODYSTRUCTURE: a multipart without its subtype.");
            return new ImapBodyPart("MULTIPART", Str(f[i]) ?? throw new FormatException("Malformed BODYSTRUCTURE: NIL subtype."))
            {
                Parts = parts,
                Parameters = i + 1 < f.Count ? Params(f[i + 1]) : new Dictionary<string, string>(),
            };
        }
        if (f.Count < 7)
            throw new FormatException($"Malformed BODYSTRUCTURE: a part with {f.Count} fields, at least 7 expected.");
        var part = new ImapBodyPart(Str(f[0]) ?? "TEXT", Str(f[1]) ?? "PLAIN")
        {
            Parameters = Params(f[2]),
            Id = Str(f[3]),
            Description = Str(f[4]),
            Encoding = Str(f[5]),
            Size = f[6].Kind == ImapValueKind.Number ? f[6].AsNumber() : throw new FormatException("Malformed BODYSTRUCTURE: size is not a number."),
        };
        if (part.Type.Equals("TEXT", StringComparison.OrdinalIgnoreCase) && f.Count > 7 && f[7].Kind == ImapValueKind.Number)
            part = part with { Lines = f[7].AsNumber() };
        else if (part.Type.Equals("MESSAGE", StringComparison.OrdinalIgnoreCase) && part.Subtype.Equals("RFC822", StringComparison.OrdinalIgnoreCase) && f.Count > 9)
            part = part with { Parts = [Parse(f[8], depth + 1)], Lines = f[9].Kind == ImapValueKind.Number ? f[9].AsNumber() : null };
        return part;
    }

    private static string? Str(ImapValue v) =>
        v.IsNil ? null : v.Kind is ImapValueKind.List ? throw new FormatException("Malformed BODYSTRUCTURE: a list where a string belongs.") : v.AsString();

    private static Dictionary<string, string> Params(ImapValue v)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (v.IsNil)
            return result;
        if (v.Kind != ImapValueKind.List)
            throw new FormatException("Malformed BODYSTRUCTURE: parameters are not a list.");
        var list = v.AsList();
        for (var i = 0; i + 1 < list.Count; i += 2)
            result[Str(list[i]) ?? ""] = Str(list[i + 1]) ?? "";
        return result;
    }
}
