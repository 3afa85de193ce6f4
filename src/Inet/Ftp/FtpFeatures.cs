using System.Collections.ObjectModel;

namespace Inet.Ftp;

/// <summary>
/// The server's FEAT answer (RFC 2389): each feature name (upper case) with its parameters, and
/// typed flags for the ones the client acts on.
/// </summary>
public sealed class FtpFeatures
{
    /// <summary>No FEAT answer yet, or the server does not know FEAT.</summary>
    public static readonly FtpFeatures Unknown = new([]);

    private readonly Dictionary<string, string> _features;

    /// <summary>Parses feature lines, "NAME params" (RFC 2389 puts a space before each; it is optional here).</summary>
    public FtpFeatures(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _features = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var feature = line.Trim();
            if (feature.Length == 0)
                continue;
            var space = feature.IndexOf(' ', StringComparison.Ordinal);
            var name = (space < 0 ? feature : feature[..space]).ToUpperInvariant();
            var parameters = space < 0 ? "" : feature[(space + 1)..].Trim();
            _features.TryAdd(name, parameters);
        }
        Features = new ReadOnlyDictionary<string, string>(_features);
        MlstFacts = _features.TryGetValue("MLST", out var facts) ? ParseFacts(facts) : [];
    }

    /// <summary>
    /// The features of a 211 FEAT reply. Its closing line's text ("End") is the last of the reply's
    /// further lines unless it starts with a space, which only a feature line does.
    /// </summary>
    internal static FtpFeatures FromReply(Core.Reply reply)
    {
        var lines = reply.MoreLines;
        return new FtpFeatures(lines.Count > 0 && !lines[^1].StartsWith(' ') ? lines.Take(lines.Count - 1) : lines);
    }

    /// <summary>Every feature name with its parameters ("" when it has none).</summary>
    public IReadOnlyDictionary<string, string> Features { get; }

    /// <summary>MLST facts the server offers, lower case; a trailing '*' marks the ones it sends by default.</summary>
    public IReadOnlyList<string> MlstFacts { get; }

    /// <summary>MLST/MLSD (RFC 3659).</summary>
    public bool Mlst => Has("MLST");

    /// <summary>UTF-8 path names (RFC 2640).</summary>
    public bool Utf8 => Has("UTF8");

    /// <summary>Extended passive mode (RFC 2428).</summary>
    public bool Epsv => Has("EPSV");

    /// <summary>Restart of STREAM-mode transfers (REST STREAM, RFC 3659).</summary>
    public bool RestStream => Parameters("REST") is { } p && p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("STREAM", StringComparer.OrdinalIgnoreCase);

    public bool Size => Has("SIZE");

    public bool Mdtm => Has("MDTM");

    /// <summary>Setting a file's modification time (draft-somers-ftp-mfxx).</summary>
    public bool Mfmt => Has("MFMT");

    /// <summary>Explicit TLS on the control connection (AUTH TLS, RFC 4217).</summary>
    public bool AuthTls => Parameters("AUTH") is { } p && p.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries)
        .Any(m => m.Equals("TLS", StringComparison.OrdinalIgnoreCase) || m.Equals("TLS-C", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the server listed <paramref name="name"/>.</summary>
    public bool Has(string name) => _features.ContainsKey(name);

    /// <summary>The parameters listed with <paramref name="name"/>, or null when it is not offered.</summary>
    public string? Parameters(string name) => _features.TryGetValue(name, out var value) ? value : null;

    private static string[] ParseFacts(string facts) =>
        [.. facts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant())];
}
