using System.Globalization;

namespace Inet.Pop3;

/// <summary>
/// What CAPA listed (RFC 2449): one capability per line, arguments after it. <see cref="None"/> when
/// the server does not know CAPA (an RFC 1939-only server).
/// </summary>
public sealed record Pop3Capabilities
{
    public static readonly Pop3Capabilities None = new();

    /// <summary>Every capability name, upper case, with its arguments.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Names { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool Top { get; init; }
    public bool Uidl { get; init; }
    public bool User { get; init; }
    public bool Stls { get; init; }
    public bool Pipelining { get; init; }
    public bool ResponseCodes { get; init; }

    /// <summary>SASL mechanisms offered for AUTH (RFC 5034), upper case.</summary>
    public IReadOnlyList<string> SaslMechanisms { get; init; } = [];

    /// <summary>EXPIRE: "NEVER" or a number of days, as sent (with "USER" when it differs per user); null when absent.</summary>
    public string? Expire { get; init; }

    /// <summary>LOGIN-DELAY in seconds; null when absent or not a number.</summary>
    public int? LoginDelay { get; init; }

    /// <summary>IMPLEMENTATION: the server's description of itself.</summary>
    public string? Implementation { get; init; }

    public bool Has(string name) => Names.ContainsKey(name.ToUpperInvariant());

    /// <summary>Parses the lines of a CAPA answer (without the "+OK" line and the final ".").</summary>
    public static Pop3Capabilities Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length > 0)
                names[words[0].ToUpperInvariant()] = words[1..];
        }
        IReadOnlyList<string> Args(string name) => names.TryGetValue(name, out var args) ? args : [];
        var loginDelay = Args("LOGIN-DELAY") is [var delay, ..] && int.TryParse(delay, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds : (int?)null;
        return new Pop3Capabilities
        {
            Names = names,
            Top = names.ContainsKey("TOP"),
            Uidl = names.ContainsKey("UIDL"),
            User = names.ContainsKey("USER"),
            Stls = names.ContainsKey("STLS"),
            Pipelining = names.ContainsKey("PIPELINING"),
            ResponseCodes = names.ContainsKey("RESP-CODES"),
            SaslMechanisms = [.. Args("SASL").Select(m => m.ToUpperInvariant()).Distinct()],
            Expire = names.ContainsKey("EXPIRE") ? string.Join(' ', Args("EXPIRE")) : null,
            LoginDelay = loginDelay,
            Implementation = names.ContainsKey("IMPLEMENTATION") ? string.Join(' ', Args("IMPLEMENTATION")) : null,
        };
    }
}
