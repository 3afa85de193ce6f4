namespace Inet.News.Par2;

/// <summary>Options for <see cref="Par2Verifier"/>.</summary>
public sealed record Par2VerifyOptions
{
    /// <summary>Look for missing or damaged files under other names in the folder (by size and first 16 KiB).</summary>
    public bool FindRenamed { get; init; } = true;

    /// <summary>Read buffer size in bytes; memory use stays at about this much whatever the slice size.</summary>
    public int BufferSize { get; init; } = 256 * 1024;

    /// <summary>Defaults.</summary>
    public static Par2VerifyOptions Default { get; } = new();
}
