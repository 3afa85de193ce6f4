namespace Inet.IntegrationTests.Infrastructure;

/// <summary>Reads the environment that test.sh sets up for the integration tests.</summary>
public static class TestEnvironment
{
    /// <summary>True when CI=true (or 1): then a missing server is a failure, never a skip.</summary>
    public static bool IsCi => Inet.Testing.CiEnvironment.IsCi;

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public static string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The variable parsed as a TCP port, or null when unset; throws when it is not a port.</summary>
    public static int? GetPort(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{name}='{value}' is not a TCP port.");
        }

        return port;
    }
}
