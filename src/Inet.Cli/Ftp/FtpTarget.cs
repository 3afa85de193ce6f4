using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// What an <c>inet ftp</c> URL names: the server, and a path relative to the login folder (percent-decoded,
/// <c>%2F</c> first for an absolute one). A path that is empty or ends in '/' names a folder.
/// </summary>
internal sealed record FtpTarget(ServerAddress Address)
{
    /// <summary>With --implicit-tls: TLS from the first byte, on port 990 unless the URL names one.</summary>
    private static readonly Dictionary<string, (int Port, bool Tls)> ImplicitTlsSchemes = new()
    {
        ["ftp"] = (FtpClient.ImplicitTlsPort, true),
        ["ftps"] = (FtpClient.ImplicitTlsPort, true),
    };

    public string Path => Address.Path;

    public bool IsFolder => Path.Length == 0 || Path.EndsWith('/');

    /// <summary>The folder's path without its trailing '/' (the root "/" stays), or null for the login folder.</summary>
    public string? FolderPath => Path.Length == 0 ? null : Path.TrimEnd('/') is { Length: > 0 } folder ? folder : "/";

    /// <summary>The named file, for verbs that need one (a folder URL is a usage error).</summary>
    public string FilePath(string verb) => IsFolder
        ? throw new UsageException($"ftp {verb} needs a file, and this URL names a folder (it ends in '/' or has no path)")
        : Path;

    /// <summary>A file or a folder, for rm/rmdir/mkdir: anything but the login folder itself.</summary>
    public string NamedPath(string verb) => FolderPath ?? throw new UsageException($"ftp {verb} needs a path in the URL: ftp://host/PATH");

    /// <summary>Parses <paramref name="url"/>; CR, LF or NUL in the path is refused here, before any connection.</summary>
    public static FtpTarget Parse(string url, bool implicitTls)
    {
        var address = ServerAddress.Parse(url, implicitTls ? ImplicitTlsSchemes : FtpClient.Schemes);
        Check(address.Path, "path");
        return new FtpTarget(address);
    }

    /// <summary>Refuses CR, LF or NUL in <paramref name="value"/> before connecting (the library would, but only once connected).</summary>
    public static void Check(string? value, string what)
    {
        if (value is not null)
            CommandGuard.Check(value, what);
    }
}
