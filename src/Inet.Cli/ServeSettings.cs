namespace Inet.Cli;

/// <summary>The parsed options of <c>inet serve</c>.</summary>
internal sealed record ServeSettings(
    string Host,
    int Port,
    string? User,
    string? PasswordFile,
    bool Tls,
    string? Folder,
    IReadOnlyList<string> Groups,
    bool PostingAllowed)
{
    /// <summary>Where to write the generated TLS certificate (PEM), if anywhere.</summary>
    public string? CertificateOut { get; init; }

    /// <summary>Log connections and commands on stderr.</summary>
    public bool Verbose { get; init; }
}
