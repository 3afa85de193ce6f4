using System.Globalization;

namespace Inet.Tests.Fakes;

/// <summary>
/// The listing lines of a <see cref="FakeFtpServer"/>: LIST as vsftpd prints it (<c>ls -l</c>, times in UTC),
/// MLSD/MLST facts as ProFTPD sends them (links as <c>OS.unix=slink:target</c>). Names go out exactly as
/// stored or injected, CR, LF and all.
/// </summary>
internal static class FakeFtpListing
{
    /// <summary>ls shows the time of day for files from the last six months, else the year.</summary>
    private static readonly TimeSpan RecentSpan = TimeSpan.FromDays(180);

    /// <summary>One folder's entries, as (name, what it shows as): links resolved when <paramref name="followLinks"/>.</summary>
    public static IEnumerable<Shown> Entries(FakeFtpTree tree, FakeFtpNode folder, bool followLinks)
    {
        foreach (var child in folder.Children.Values)
        {
            var target = child.Kind == FakeFtpNodeKind.Link && followLinks ? tree.Resolve(child.Parent!.Path, child.Name) : null;
            yield return target is null ? Of(child.Name, child) : Of(child.Name, target) with { LinkTarget = null };
        }
        foreach (var entry in folder.Injected)
            yield return new Shown(entry.Name, entry.Kind, entry.Size, FakeFtpTree.DefaultTime, entry.LinkTarget, "injected-" + entry.Name.Length);
    }

    public static Shown Of(string name, FakeFtpNode node) =>
        new(name, node.Kind, node.Kind == FakeFtpNodeKind.Link ? node.LinkTarget!.Length : node.Content.Length,
            node.Modified, node.LinkTarget, node.UniqueId);

    public static string List(Shown entry, DateTimeOffset now)
    {
        var (type, permissions) = entry.Kind switch
        {
            FakeFtpNodeKind.Folder => ('d', "rwxr-xr-x"),
            FakeFtpNodeKind.Link => ('l', "rwxrwxrwx"),
            _ => ('-', "rw-r--r--"),
        };
        var time = entry.Modified.UtcDateTime;
        var date = (now.UtcDateTime - time).Duration() < RecentSpan
            ? time.ToString("MMM dd HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("MMM dd  yyyy", CultureInfo.InvariantCulture);
        var arrow = entry.LinkTarget is null ? "" : " -> " + entry.LinkTarget;
        return string.Create(CultureInfo.InvariantCulture, $"{type}{permissions}    1 ftp      ftp      {entry.Size,12} {date} {entry.Name}{arrow}");
    }

    /// <summary>An MLSD line, or (with <paramref name="name"/> a path) the fact line of an MLST reply.</summary>
    public static string Mlsd(Shown entry, string? type = null)
    {
        type ??= entry.Kind switch
        {
            FakeFtpNodeKind.Folder => "dir",
            FakeFtpNodeKind.Link => "OS.unix=slink:" + entry.LinkTarget,
            _ => "file",
        };
        var size = entry.Kind == FakeFtpNodeKind.File ? string.Create(CultureInfo.InvariantCulture, $"size={entry.Size};") : "";
        var perm = entry.Kind == FakeFtpNodeKind.Folder ? "flcdmpe" : "adfrw";
        return $"type={type};{size}modify={Time(entry.Modified)};perm={perm};unique={entry.UniqueId}; {entry.Name}";
    }

    /// <summary>YYYYMMDDHHMMSS in UTC, as MDTM and MLSD give times.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>An entry as listed: the name shown and the facts of what it shows.</summary>
    internal sealed record Shown(string Name, FakeFtpNodeKind Kind, long Size, DateTimeOffset Modified, string? LinkTarget, string UniqueId);
}
