namespace Inet.Core;

/// <summary>
/// Finds a password without putting it on the command line: the URL, a password file, an
/// environment variable, then ~/.netrc, in that order.
/// </summary>
public static class CredentialResolver
{
    /// <summary>Returns the user and password to use, or (user, null) when none was found.</summary>
    public static (string? User, string? Password) Resolve(ServerAddress address, string? passwordFile = null,
        string? passwordEnvironmentVariable = null, string? netrcPath = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var user = address.User;
        if (address.Password is not null)
            return (user, address.Password);
        if (passwordFile is not null)
            return (user, ReadPasswordFile(passwordFile));
        if (passwordEnvironmentVariable is not null && Environment.GetEnvironmentVariable(passwordEnvironmentVariable) is { } fromEnv)
            return (user, fromEnv);
        var netrc = netrcPath ?? Netrc.DefaultPath();
        if (File.Exists(netrc) && Netrc.Find(File.ReadAllText(netrc), address.Host) is { } entry
            && (user is null || entry.Login is null || entry.Login == user))
            return (user ?? entry.Login, entry.Password);
        return (user, null);
    }

    /// <summary>The first line of a password file, without its line ending.</summary>
    public static string ReadPasswordFile(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? "";
    }
}
