using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Finds the bytes to escape with one table lookup: lookup[|x| &amp; 15] == x holds, over all 256 input bytes x,
/// exactly for those whose output (x + 42) is NUL, LF, CR or '='. Adding <see cref="LineStart"/> to |x| (with
/// saturation) moves each special to another slot, where TAB, space and '.' are listed too: that is the rule for
/// a line's first byte. Unused slots hold -42, which matches neither way.
/// </summary>
internal static class YencEncodeClasses
{
    /// <summary>The bias that selects the line-start slots.</summary>
    public const int LineStart = 88;

    /// <summary>The 16-entry lookup (the shuffle works within each 16-byte lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<sbyte> Lookup128() => Vector128.Create(
        '\n' - 42, -42, ' ' - 42, '=' - 42, -42, '\r' - 42, -42, -42,
        '\n' - 42, '\t' - 42, 0 - 42, '=' - 42, '.' - 42, '\r' - 42, -42, 0 - 42);

    /// <summary>The same lookup in both lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> Lookup256() => Vector256.Create(
        '\n' - 42, -42, ' ' - 42, '=' - 42, -42, '\r' - 42, -42, -42,
        '\n' - 42, '\t' - 42, 0 - 42, '=' - 42, '.' - 42, '\r' - 42, -42, 0 - 42,
        '\n' - 42, -42, ' ' - 42, '=' - 42, -42, '\r' - 42, -42, -42,
        '\n' - 42, '\t' - 42, 0 - 42, '=' - 42, '.' - 42, '\r' - 42, -42, 0 - 42);
}
