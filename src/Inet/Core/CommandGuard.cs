namespace Inet.Core;

/// <summary>Rejects command arguments that could smuggle a second command onto the wire.</summary>
public static class CommandGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> holds CR, LF or NUL.</summary>
    public static string Check(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException("Command arguments must not contain CR, LF or NUL.", parameterName);
        return value;
    }

    /// <summary>Like <see cref="Check"/>, and also rejects empty values and spaces (single-token arguments).</summary>
    public static string CheckToken(string value, string parameterName)
    {
        Check(value, parameterName);
        if (value.Length == 0 || value.AsSpan().IndexOfAny(' ', '\t') >= 0)
            throw new ArgumentException("This argument must be a single non-empty token.", parameterName);
        return value;
    }
}
