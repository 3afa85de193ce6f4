namespace Inet.Cli;

/// <summary>The parsed options of <c>inet serve</c>.</summary>
internal sealed record ServeSettings(
    string Host,
    int Port,
    string? User,
    FileInfo? PasswordFile,
    bool Tls,
    DirectoryInfo? Folder,
    IReadOnlyList<string> Groups,
    bool PostingAllowed);
