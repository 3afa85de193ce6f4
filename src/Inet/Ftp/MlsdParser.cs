using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Inet.Ftp;

/// <summary>
/// Parses one MLSD line, or the fact line of an MLST reply without its leading space (RFC 3659 section 7):
/// <c>fact=value;fact=value; name</c>. Never throws.
/// </summary>
public static class MlsdParser
{
    /// <summary>
    /// Reads the facts and the name. The facts end at the first "; " (fact values cannot hold ';'), so the name
    /// may contain spaces and semicolons. A fact value that cannot be read (a bad size or time) leaves its
    /// property null but stays in <see cref="FtpItem.Facts"/>; a fact without '=' fails the line.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> line, [MaybeNullWhen(false)] out FtpItem item)
    {
        item = null;
        ReadOnlySpan<char> facts;
        int nameStart;
        if (!line.IsEmpty && line[0] == ' ')
        {
            facts = default;
            nameStart = 1;
        }
        else
        {
            var end = line.IndexOf("; ", StringComparison.Ordinal);
            if (end < 0)
                return false;
            facts = line[..end];
            nameStart = end + 2;
        }
        if (nameStart >= line.Length)
            return false;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var type = FtpItemType.Other;
        long? size = null;
        DateTimeOffset? modified = null;
        int? mode = null;
        string? target = null;
        foreach (var range in facts.Split(';'))
        {
            var fact = facts[range];
            if (fact.IsEmpty)
                continue;
            var eq = fact.IndexOf('=');
            if (eq <= 0)
                return false;
            var key = fact[..eq];
            var value = fact[(eq + 1)..];
            if (!values.TryAdd(new string(key), new string(value)))
                continue; // the first of a repeated fact counts
            if (key.Equals("type", StringComparison.OrdinalIgnoreCase))
                type = Type(value, out target);
            else if (key.Equals("size", StringComparison.OrdinalIgnoreCase))
                size = ListText.TryDigits(value, out var bytes) ? bytes : null;
            else if (key.Equals("modify", StringComparison.OrdinalIgnoreCase))
                modified = TryTime(value, out var time) ? time : null;
            else if (key.Equals("UNIX.mode", StringComparison.OrdinalIgnoreCase))
                mode = TryOctal(value, out var bits) ? bits : null;
        }
        values.TryGetValue("perm", out var perm);
        values.TryGetValue("unique", out var unique);
        item = new FtpItem(new string(line[nameStart..]), type)
        {
            Size = size,
            Modified = modified,
            Permissions = perm,
            UnixMode = mode,
            LinkTarget = target,
            UniqueId = unique,
            Facts = new ReadOnlyDictionary<string, string>(values),
        };
        return true;
    }

    /// <summary>
    /// file, dir, cdir, pdir; OS.unix=symlink and OS.unix=slink[:target] (ProFTPD) are links; any other
    /// OS-specific type (devices, pipes) is Other.
    /// </summary>
    private static FtpItemType Type(ReadOnlySpan<char> value, out string? target)
    {
        target = null;
        if (value.Equals("file", StringComparison.OrdinalIgnoreCase))
            return FtpItemType.File;
        if (value.Equals("dir", StringComparison.OrdinalIgnoreCase))
            return FtpItemType.Directory;
        if (value.Equals("cdir", StringComparison.OrdinalIgnoreCase))
            return FtpItemType.CurrentDirectory;
        if (value.Equals("pdir", StringComparison.OrdinalIgnoreCase))
            return FtpItemType.ParentDirectory;
        if (!value.StartsWith("OS.unix=", StringComparison.OrdinalIgnoreCase))
            return FtpItemType.Other;
        var kind = value[8..];
        if (kind.Equals("symlink", StringComparison.OrdinalIgnoreCase) || kind.Equals("slink", StringComparison.OrdinalIgnoreCase))
            return FtpItemType.Link;
        if (kind.StartsWith("slink:", StringComparison.OrdinalIgnoreCase))
        {
            target = kind.Length > 6 ? new string(kind[6..]) : null;
            return FtpItemType.Link;
        }
        return FtpItemType.Other;
    }

    /// <summary>YYYYMMDDHHMMSS with optional .sss (any number of digits), always UTC (RFC 3659 section 2.3).</summary>
    internal static bool TryTime(ReadOnlySpan<char> value, out DateTimeOffset time)
    {
        time = default;
        if (value.Length < 14 || !ListText.TryFixed(value, 0, 4, out var year) || !ListText.TryFixed(value, 4, 2, out var month) ||
            !ListText.TryFixed(value, 6, 2, out var day) || !ListText.TryFixed(value, 8, 2, out var hour) ||
            !ListText.TryFixed(value, 10, 2, out var minute) || !ListText.TryFixed(value, 12, 2, out var second) ||
            !ListText.IsDate(year, month, day) || hour > 23 || minute > 59 || second > 60)
            return false;
        var fraction = value[14..];
        var ticks = 0L;
        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length == 1 || fraction.Length > 19 || !ListText.TryDigits(fraction[1..], out var digits))
                return false;
            // Scale the fraction to 7 digits (ticks), dropping what lies beyond.
            ticks = digits;
            for (var n = fraction.Length - 1; n < 7; n++)
                ticks *= 10;
            for (var n = fraction.Length - 1; n > 7; n--)
                ticks /= 10;
        }
        // A leap second (60) is held at :59.
        time = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero).AddTicks(ticks);
        return true;
    }

    private static bool TryOctal(ReadOnlySpan<char> value, out int bits)
    {
        bits = 0;
        if (value.IsEmpty || value.Length > 6)
            return false;
        foreach (var c in value)
        {
            if (c is < '0' or > '7')
                return false;
            bits = (bits * 8) + (c - '0');
        }
        return true;
    }
}
