namespace Inet.Testing;

/// <summary>
/// Whether the tests run under CI. Compiled into every test project (linked, not referenced), so that a
/// skip rule (such as "par2 or a test server missing: skip, but fail under CI") reads CI the same way everywhere.
/// </summary>
internal static class CiEnvironment
{
    /// <summary>True when CI is "true" (any case) or "1".</summary>
    public static bool IsCi
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("CI")?.Trim();
            return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
        }
    }
}
