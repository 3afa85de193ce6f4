namespace Inet.Core.Sasl;

/// <summary>Creates SASL mechanisms and picks the strongest one a server offers.</summary>
public static class SaslMechanisms
{
    /// <summary>The password mechanisms this library implements, strongest first (XOAUTH2 needs a token and is apart).</summary>
    public static IReadOnlyList<string> Supported { get; } = ["SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN"];

    /// <summary>
    /// XOAUTH2 when <paramref name="oauthToken"/> is given and offered; otherwise, with a password, the
    /// strongest of <see cref="Supported"/> that the server offers (names compared case-insensitively).
    /// Null when none fits. Callers without TLS should refuse a result that <see cref="SaslMechanism.SendsPasswordInClear"/>.
    /// </summary>
    public static SaslMechanism? Choose(IEnumerable<string> offered, string user, string? password, string? oauthToken = null)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(user);
        var names = new HashSet<string>(offered, StringComparer.OrdinalIgnoreCase);
        if (oauthToken is not null && names.Contains("XOAUTH2"))
            return Create("XOAUTH2", user, password, oauthToken);
        if (password is null)
            return null;
        foreach (var name in Supported)
        {
            if (names.Contains(name))
                return Create(name, user, password);
        }
        return null;
    }

    /// <summary>
    /// The named mechanism, for a caller that forces one. <see cref="NotSupportedException"/> for a name
    /// this library does not implement; <see cref="ArgumentNullException"/> when its secret is missing.
    /// </summary>
    public static SaslMechanism Create(string name, string user, string? password, string? oauthToken = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(user);
        return name.ToUpperInvariant() switch
        {
            "SCRAM-SHA-256" => new ScramSha256Mechanism(user, Required(password)),
            "CRAM-MD5" => new CramMd5Mechanism(user, Required(password)),
            "PLAIN" => new PlainMechanism(user, Required(password)),
            "LOGIN" => new LoginMechanism(user, Required(password)),
            "XOAUTH2" => new XOAuth2Mechanism(user, oauthToken ?? throw new ArgumentNullException(nameof(oauthToken), "XOAUTH2 needs an OAuth token.")),
            _ => throw new NotSupportedException("SASL mechanism not supported: " + Printable.Escape(name)),
        };
    }

    private static string Required(string? password) =>
        password ?? throw new ArgumentNullException(nameof(password), "This SASL mechanism needs a password.");
}
