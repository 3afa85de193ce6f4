using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 16 bytes with SSSE3 or NEON: classify with one lookup, then spread over 32 output bytes by two shuffles from
/// one <see cref="YencExpandTable"/> entry and two adds.
/// </summary>
internal readonly unsafe struct YencEncodeBlock128 : IYencEncodeBlock
{
    public static int Width => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClassifyStep(byte* src, bool lineStart, out uint first, out uint second)
    {
        var escapes0 = Escapes(src, lineStart);
        var escapes1 = Escapes(src + 16, lineStart: false);
        YencMaskPair.Of(escapes0, escapes1, out first, out second);
    }

    /// <summary>One lookup: 0xFF where a byte is escaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Escapes(byte* src, bool lineStart)
    {
        var data = Vector128.Load((sbyte*)src);
        var index = Vector128.Abs(data);
        if (lineStart)
            index = Vector128.AddSaturate(index, Vector128.CreateScalar((sbyte)YencEncodeClasses.LineStart));
        // SSSE3 reads the low nibble (zero when the top bit is set); a table lookup elsewhere needs it masked.
        if (!Ssse3.IsSupported)
            index &= Vector128.Create((sbyte)15);
        var lookup = YencEncodeClasses.Lookup128().AsByte();
        return Vector128.Equals(YencByteShuffle.Shuffle(lookup, index.AsByte()).AsSByte(), data).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePiece(byte* src, byte* dst, byte* table, uint mask, int skip)
    {
        var entry = table + YencExpandTable.Slot(mask) * YencExpandTable.EntrySize + skip;
        var piece = Vector128.Load(src);
        var add = entry + YencExpandTable.AddOffset;
        (YencByteShuffle.Shuffle(piece, Vector128.Load(entry)) + Vector128.Load(add)).Store(dst);
        (YencByteShuffle.Shuffle(piece, Vector128.Load(entry + 16)) + Vector128.Load(add + 16)).Store(dst + 16);
    }
}
