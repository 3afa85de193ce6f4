namespace Inet.Mail;

/// <summary>When a <see cref="MailFetchState"/> writes itself to disk.</summary>
public sealed record MailFetchStateOptions
{
    /// <summary>Save after this many newly fetched messages (default 100).</summary>
    public int SaveEvery { get; init; } = 100;

    /// <summary>Save when this long has passed since the last save and something is pending (default 5 s).</summary>
    public TimeSpan SaveInterval { get; init; } = TimeSpan.FromSeconds(5);
}
