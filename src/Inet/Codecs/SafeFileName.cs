using System.Text;

namespace Inet.Codecs;

/// <summary>
/// Turns a file name that came from the network (yEnc <c>name=</c>, uuencode <c>begin</c>, MIME
/// filename, NZB subject, FTP listing) into a safe leaf name that stays inside an output folder.
/// </summary>
public static class SafeFileName
{
    /// <summary>Largest leaf name, in UTF-8 bytes, that common file systems accept.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Name used when nothing usable is left of the network-supplied name.</summary>
    public const string DefaultFallback = "unnamed";

    // An extension longer than this is treated as part of the name when the name must be shortened.
    private const int MaxExtensionBytes = 32;
    private const int MaxInnerExtensionChars = 12;
    private const int MaxCollisionAttempts = 100_000;

    private static readonly string[] ReservedDeviceNames =
    [
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
    ];

    /// <summary>Returns a safe leaf name for <paramref name="name"/>, or the fallback when nothing usable is left.</summary>
    public static string Sanitize(string? name, string fallback = DefaultFallback)
    {
        var cleaned = Clean(name);
        if (cleaned.Length > 0)
            return cleaned;
        var safeFallback = Clean(fallback);
        return safeFallback.Length > 0 ? safeFallback : DefaultFallback;
    }

    /// <summary>
    /// Returns the full path of the sanitized <paramref name="name"/> directly inside
    /// <paramref name="outputDirectory"/>; checked with <see cref="Path.GetFullPath(string)"/>.
    /// </summary>
    public static string Resolve(string outputDirectory, string? name, string fallback = DefaultFallback)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var root = Path.GetFullPath(outputDirectory);
        var full = Path.GetFullPath(Path.Combine(root, Sanitize(name, fallback)));
        if (!IsDirectChild(root, full))
            throw new InvalidOperationException("Sanitized file name escaped the output folder.");
        return full;
    }

    /// <summary>
    /// Like <see cref="Resolve"/>, but when the path is taken picks <c>name (1).ext</c>, <c>name (2).ext</c>, ...
    /// The pick is not reserved: create the file with <see cref="FileMode.CreateNew"/> or move without overwrite.
    /// </summary>
    public static string ResolveUnique(string outputDirectory, string? name, string fallback = DefaultFallback)
    {
        var first = Resolve(outputDirectory, name, fallback);
        if (!PathTaken(first))
            return first;
        var root = Path.GetDirectoryName(first)!;
        var leaf = Path.GetFileName(first);
        for (var n = 1; n <= MaxCollisionAttempts; n++)
        {
            var candidate = Path.Combine(root, WithNumber(leaf, n));
            if (!PathTaken(candidate))
                return candidate;
        }
        throw new IOException($"No free name for '{leaf}' after {MaxCollisionAttempts} attempts.");
    }

    /// <summary>Returns <c>stem (n).ext</c> for a safe leaf name, still within <see cref="MaxNameBytes"/>.</summary>
    public static string WithNumber(string safeLeaf, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        var (stem, ext) = SplitExtension(safeLeaf);
        return Fit(stem, $" ({number}){ext}");
    }

    /// <summary>
    /// Adds a prefix and suffix (e.g. a hidden temp name <c>.name.inet-part</c>) to a safe leaf name,
    /// shortening the name so the result stays within <see cref="MaxNameBytes"/>.
    /// </summary>
    public static string WithAffixes(string safeLeaf, string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(safeLeaf);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        var budget = MaxNameBytes - Encoding.UTF8.GetByteCount(prefix) - Encoding.UTF8.GetByteCount(suffix);
        if (budget < 1)
            throw new ArgumentException("Prefix and suffix leave no room for the name.", nameof(suffix));
        return prefix + TruncateUtf8(safeLeaf, budget) + suffix;
    }

    /// <summary>True when <paramref name="path"/> resolves to an entry directly inside <paramref name="directory"/>.</summary>
    public static bool IsDirectChild(string directory, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || Path.GetFileName(full).Length == 0)
            return false;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(Path.TrimEndingDirectorySeparator(parent), root, comparison);
    }

    private static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return string.Empty;
        var leaf = LastUsableSegment(name);
        if (leaf.Length == 0)
            return string.Empty;
        if (IsReservedDeviceName(leaf))
            leaf = "_" + leaf;
        var (stem, ext) = SplitExtension(leaf);
        if (ext.Length > 0 && stem.LastIndexOf('.') > 0)
        {
            // Keep a short second extension when cutting (".part01.rar", ".tar.gz", ".7z.001").
            var (innerStem, innerExt) = SplitExtension(stem);
            if (innerExt.Length <= MaxInnerExtensionChars && !innerExt.Contains(' ', StringComparison.Ordinal))
                (stem, ext) = (innerStem, innerExt + ext);
        }
        return Fit(stem, ext);
    }

    // Both separators count on every platform: a name made on Windows must not climb out on Linux.
    // Directory parts are dropped; the last segment that still has a usable name wins.
    private static string LastUsableSegment(string name)
    {
        var segments = name.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = TrimEdges(ReplaceUnsafeCharacters(StripDrive(segments[i])));
            if (segment.Length > 0)
                return segment;
        }
        return string.Empty;
    }

    private static string StripDrive(string segment) =>
        segment.Length >= 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]) ? segment[2..] : segment;

    private static string ReplaceUnsafeCharacters(string leaf)
    {
        var builder = new StringBuilder(leaf.Length);
        for (var i = 0; i < leaf.Length; i++)
        {
            var c = leaf[i];
            if (char.IsHighSurrogate(c) && i + 1 < leaf.Length && char.IsLowSurrogate(leaf[i + 1]))
            {
                builder.Append(c).Append(leaf[++i]);
                continue;
            }
            if (char.IsControl(c) || IsBidiControl(c))
                continue; // NUL, CR, LF, ESC, DEL and direction overrides that disguise extensions
            builder.Append(IsWindowsReserved(c) || char.IsSurrogate(c) ? '_' : c);
        }
        return builder.ToString();
    }

    // Slash look-alikes too: "best fit" conversions to ANSI code pages turn them into real separators.
    private static bool IsWindowsReserved(char c) =>
        c is '<' or '>' or ':' or '"' or '|' or '?' or '*' or '/' or '\\' or '\uFF0F' or '\uFF3C' or '\u2215' or '\u2044' or '\u29F5';

    private static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' or '\uFEFF';

    // Leading dots hide a file (or spell "." and ".."); trailing dots and spaces are dropped by Windows.
    private static string TrimEdges(string leaf) =>
        leaf.TrimStart(' ', '.', '\t').TrimEnd(' ', '.', '\t');

    private static bool IsReservedDeviceName(string leaf)
    {
        var dot = leaf.IndexOf('.', StringComparison.Ordinal);
        var baseName = (dot < 0 ? leaf : leaf[..dot]).TrimEnd(' ');
        foreach (var reserved in ReservedDeviceNames)
        {
            if (baseName.Equals(reserved, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        if (baseName.Length == 4
            && (baseName.StartsWith("COM", StringComparison.OrdinalIgnoreCase)
                || baseName.StartsWith("LPT", StringComparison.OrdinalIgnoreCase)))
        {
            var digit = baseName[3];
            return char.IsAsciiDigit(digit) || digit is '\u00B9' or '\u00B2' or '\u00B3';
        }
        return false;
    }

    private static (string Stem, string Extension) SplitExtension(string leaf)
    {
        var dot = leaf.LastIndexOf('.');
        if (dot <= 0 || Encoding.UTF8.GetByteCount(leaf.AsSpan(dot)) > MaxExtensionBytes)
            return (leaf, string.Empty);
        return (leaf[..dot], leaf[dot..]);
    }

    // Shortens the stem (never the tail) so stem + tail fits; trims what the cut exposed.
    private static string Fit(string stem, string tail)
    {
        var tailBytes = Encoding.UTF8.GetByteCount(tail);
        if (Encoding.UTF8.GetByteCount(stem) + tailBytes <= MaxNameBytes)
            return stem + tail;
        var cut = TruncateUtf8(stem, MaxNameBytes - tailBytes).TrimEnd(' ', '.', '\t');
        if (cut.Length == 0)
            cut = "_";
        return cut + tail;
    }

    private static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
            return text;
        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
                break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }

    // A dangling symlink is "taken" too: writing through it would land outside the folder.
    private static bool PathTaken(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
