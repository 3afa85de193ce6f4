using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Inet.Codecs;

namespace Inet.Ftp.Mirror;

/// <summary>
/// The mirror's rules for names and paths. A listed name becomes a local file name only as it is: a name
/// that would need changing to be safe is skipped and reported, never renamed, so every run maps the same
/// remote name to the same local one.
/// </summary>
internal static class MirrorNames
{
    /// <summary>Marks an unfinished transfer: <c>.name.inet-part</c> next to where the file will be.</summary>
    public const string PartialSuffix = ".inet-part";

    /// <summary>How names in one folder collide on this platform's usual file systems.</summary>
    public static readonly StringComparer LocalComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Why <paramref name="name"/> may not become a file in <paramref name="folder"/>; null when it may.</summary>
    public static (FtpMirrorSkipReason Reason, string Detail)? Check(string folder, string name)
    {
        if (Problem(name) is { } problem)
            return (FtpMirrorSkipReason.UnsafeName, problem);
        if (name.EndsWith(PartialSuffix, StringComparison.OrdinalIgnoreCase))
            return (FtpMirrorSkipReason.ReservedName, $"the name ends in {PartialSuffix}, which marks unfinished transfers");
        if (!SafeFileName.IsDirectChild(folder, Path.Combine(folder, name)))
            return (FtpMirrorSkipReason.UnsafeName, "the name leads outside its folder");
        return null;
    }

    /// <summary>The strict checks, on every platform, plus Windows' own rules when running there.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
            return "the name is empty";
        if (name is "." or "..")
            return "the name means the folder itself or its parent";
        foreach (var c in name)
        {
            if (c is '/' or '\\')
                return "the name holds a path separator";
            if (char.IsControl(c))
                return "the name holds a control character (CR, LF, NUL...)";
            if (c is '\uFF0F' or '\uFF3C' or '\u2215' or '\u2044' or '\u29F5')
                return "the name holds a character that can turn into a path separator";
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C')
                return "the name holds a text-direction control";
        }
        if (Encoding.UTF8.GetByteCount(name) > SafeFileName.MaxNameBytes)
            return $"the name is longer than {SafeFileName.MaxNameBytes} bytes";
        if (OperatingSystem.IsWindows())
        {
            // SafeFileName knows Windows' rules (reserved characters and devices, trailing dots); a leading dot is fine.
            var bare = name.TrimStart('.');
            if (bare.Length == 0 || SafeFileName.Sanitize(bare) != bare)
                return "the name is not a valid Windows file name";
        }
        return null;
    }

    /// <summary>
    /// The hidden partial name of <paramref name="name"/>. When the name is too long to take the affixes
    /// whole, a hash of the full name keeps two long names that start alike apart.
    /// </summary>
    public static string Partial(string name)
    {
        var partial = SafeFileName.WithAffixes(name, ".", PartialSuffix);
        if (partial.Length == name.Length + 1 + PartialSuffix.Length)
            return partial;
        var hash = Crc32.HashToUInt32(Encoding.UTF8.GetBytes(name)).ToString("x8", CultureInfo.InvariantCulture);
        return SafeFileName.WithAffixes(name, ".", "." + hash + PartialSuffix);
    }

    /// <summary>A remote child path: <paramref name="folder"/> + '/' + <paramref name="name"/>.</summary>
    public static string Join(string folder, string name) => folder.EndsWith('/') ? folder + name : folder + "/" + name;

    /// <summary>The remote folder holding <paramref name="path"/>.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>The report path of a checked name in the folder <paramref name="parent"/> ("" for the root).</summary>
    public static string Display(string parent, string name) => parent.Length == 0 ? name : parent + "/" + name;

    /// <summary>The report path of a name that failed the checks, with control characters escaped.</summary>
    public static string DisplayUnsafe(string parent, string name) => Display(parent, Core.Printable.Escape(name));

    /// <summary>An absolute remote path with "." and ".." worked out by text alone (the root is its own parent).</summary>
    public static string Normalize(string absolute)
    {
        var parts = new List<string>();
        foreach (var part in absolute.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>True when the remote <paramref name="path"/> is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsSameOrInside(string path, string folder) =>
        folder == "/" || path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
