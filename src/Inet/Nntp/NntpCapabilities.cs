namespace Inet.Nntp;

/// <summary>The CAPABILITIES list (RFC 3977 5.2): labels with their arguments, and typed shortcuts.</summary>
public sealed class NntpCapabilities
{
    private readonly Dictionary<string, IReadOnlyList<string>> _labels;

    public NntpCapabilities(IEnumerable<string> lines)
    {
        _labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0)
                _labels[parts[0]] = parts[1..];
        }
    }

    /// <summary>What a server that does not know CAPABILITIES (RFC 977 era) is assumed to have.</summary>
    public static NntpCapabilities Unknown { get; } = new([]);

    public bool IsKnown => _labels.Count > 0;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Labels => _labels;

    public bool Has(string label) => _labels.ContainsKey(label);

    public IReadOnlyList<string> Arguments(string label) => _labels.TryGetValue(label, out var args) ? args : [];

    public bool Has(string label, string argument) =>
        Arguments(label).Any(a => string.Equals(a, argument, StringComparison.OrdinalIgnoreCase));

    /// <summary>The server is in reader mode (or a reader-only server).</summary>
    public bool IsReader => Has("READER");

    /// <summary>A mode-switching server that wants MODE READER before reader commands.</summary>
    public bool NeedsModeReader => Has("MODE-READER") && !Has("READER");

    public bool CanPost => Has("POST");
    public bool HasOver => Has("OVER");
    public bool HasHdr => Has("HDR");
    public bool HasStartTls => Has("STARTTLS");
    public bool HasAuthInfoUser => Has("AUTHINFO", "USER");
    public bool HasSasl(string mechanism) => Has("SASL", mechanism) || Has("AUTHINFO", "SASL") && Has("SASL", mechanism);
    public bool HasCompressDeflate => Has("COMPRESS", "DEFLATE");

    /// <summary>Keywords LIST accepts (ACTIVE, NEWSGROUPS, OVERVIEW.FMT, ...).</summary>
    public IReadOnlyList<string> ListVariants => Arguments("LIST");
}
