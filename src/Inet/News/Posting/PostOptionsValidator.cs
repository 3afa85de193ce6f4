namespace Inet.News.Posting;

/// <summary>Rejects options that would build a malformed or injectable article, before anything is sent.</summary>
internal static class PostOptionsValidator
{
    public static void Validate(BinaryPostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Newsgroups is null || options.Newsgroups.Count == 0)
            throw new ArgumentException("At least one newsgroup is needed.", nameof(options));
        foreach (var group in options.Newsgroups)
        {
            if (string.IsNullOrEmpty(group) || group.Any(c => c <= ' ' || c is ',' || c > '~'))
                throw new ArgumentException($"Invalid newsgroup name '{Inet.Core.Printable.Escape(group ?? "")}'.", nameof(options));
        }
        if (string.IsNullOrWhiteSpace(options.From))
            throw new ArgumentException("A From address is needed.", nameof(options));
        CheckValue(options.From, "From");
        CheckValue(options.Subject, "Subject");
        CheckValue(options.UserAgent, "User-Agent");
        foreach (var (name, value) in options.ExtraHeaders)
        {
            if (string.IsNullOrEmpty(name) || name.Any(c => c <= ' ' || c is ':' || c > '~'))
                throw new ArgumentException($"Invalid header name '{Inet.Core.Printable.Escape(name ?? "")}'.", nameof(options));
            CheckValue(value, name);
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EffectivePartSize, 1, nameof(options.PartSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LineLength, 16, nameof(options.LineLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.LineLength, 997, nameof(options.LineLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1, nameof(options.Connections));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Connections, 32, nameof(options.Connections));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        if (options.RetryDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "RetryDelay cannot be negative.");
    }

    private static void CheckValue(string? value, string header)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException($"CR, LF and NUL are not allowed in the {header} header.", header);
    }
}
