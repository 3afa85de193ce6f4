namespace Inet.Ftp.Mirror;

/// <summary>
/// A remote folder on the walk: the path it is reached by, where it really is (which differs below a link;
/// from PWD or the link's target), and the MLSD <c>unique</c> fact when the server gives one.
/// </summary>
internal sealed record RemoteFolder(string Path, string Real, string? UniqueId)
{
    /// <summary>True when entering <paramref name="real"/> (or a folder with <paramref name="uniqueId"/>) from the end of <paramref name="chain"/> comes back round.</summary>
    public static bool IsLoop(IReadOnlyList<RemoteFolder> chain, string? real, string? uniqueId) =>
        chain.Any(c => (real is not null && (c.Real == real || MirrorNames.IsSameOrInside(c.Real, real)))
            || (uniqueId is not null && c.UniqueId == uniqueId));
}
