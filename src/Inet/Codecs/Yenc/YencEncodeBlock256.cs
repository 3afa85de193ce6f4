using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 bytes with AVX2: classify with one lookup; each 16-byte piece, loaded into both lanes, is spread over 32
/// output bytes by one shuffle from its <see cref="YencExpandTable"/> entry and one add.
/// </summary>
internal readonly unsafe struct YencEncodeBlock256 : IYencEncodeBlock
{
    public static int Width => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClassifyStep(byte* src, bool lineStart, out uint first, out uint second)
    {
        first = Classify(src, lineStart);
        second = Classify(src + 32, lineStart: false);
    }

    /// <summary>One lookup; <paramref name="lineStart"/> is a constant, so the JIT drops the bias where it is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Classify(byte* src, bool lineStart)
    {
        var data = Avx.LoadVector256((sbyte*)src);
        var index = Avx2.Abs(data).AsSByte();
        if (lineStart)
            index = Avx2.AddSaturate(index, Vector256.CreateScalar((sbyte)YencEncodeClasses.LineStart));
        return (uint)Avx2.MoveMask(Avx2.CompareEqual(Avx2.Shuffle(YencEncodeClasses.Lookup256(), index), data));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePiece(byte* src, byte* dst, byte* table, uint mask, int skip)
    {
        var entry = table + YencExpandTable.Slot(mask) * YencExpandTable.EntrySize + skip;
        // A broadcast load: no shuffle port needed to put the piece in both lanes.
        var piece = Avx2.BroadcastVector128ToVector256(src);
        var spread = Avx2.Shuffle(piece, Avx.LoadVector256(entry));
        Avx.Store(dst, Avx2.Add(spread, Avx.LoadVector256(entry + YencExpandTable.AddOffset)));
    }
}
