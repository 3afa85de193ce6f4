namespace Inet.Ftp.Mirror;

/// <summary>One remote folder's listing as the mirror reads it.</summary>
internal sealed class RemoteListing
{
    public List<FtpItem> Items { get; } = [];

    /// <summary>The folder's own MLSD <c>unique</c> fact, when sent.</summary>
    public string? SelfId { get; set; }

    /// <summary>Lines no parser could read (reported, not silently dropped).</summary>
    public List<string> Unreadable { get; } = [];
}
