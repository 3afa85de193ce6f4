using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Inet.Codecs.Yenc;

/// <summary>
/// The 128- and 256-bit encoders: whole blocks are encoded without looking at line ends; when a block's output
/// reaches the line's last column, the output is cut back to the byte at that column, which is written again
/// with the line-end rule (TAB and space escaped) and CRLF, and the next block starts the new line.
/// </summary>
internal static class YencEncodeKernel
{
    /// <summary>
    /// Encodes src[i..end) while there is input for a whole block (and one byte more) and room for its output.
    /// </summary>
    // Not inlined: with dynamic PGO the JIT would inline the hot kernel into YencEncoder.Encode, where it
    // spills in the loop (measured 4.2 instead of 6.9 GB/s). Optimized at once, as the native tool compiles it.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run<TBlock>(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, ref int column, ref int i, ref int o, int end)
        where TBlock : struct, IYencEncodeBlock
    {
        var width = TBlock.Width;
        // Two blocks per step; a step reads one byte past itself (a line's last byte) and writes at most
        // 4 * width + 4 bytes.
        var lastStep = end - 2 * width - 1;
        var lastOutput = dst.Length - (4 * width + 4);
        if (i > lastStep || o > lastOutput)
            return;
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var table = ref YencExpandTable.Start;
        ref var lastWithCrLf = ref MemoryMarshal.GetArrayDataReference(YencLineEdges.LastWithCrLf);
        // On a one-character line the first byte is also the last; the line-start escapes cover both.
        var lastIsEdge = lineLength > 1;
        var p = i;
        var q = o;
        var col = column;
        var lineStart = col == 0 ? YencEncodeClasses.LineStart : 0;
        do
        {
            var escapes0 = TBlock.Encode(ref Unsafe.Add(ref s0, p), ref Unsafe.Add(ref d0, q), ref table, lineStart);
            var produced0 = width + BitOperations.PopCount(escapes0);
            var escapes1 = TBlock.EncodeInside(ref Unsafe.Add(ref s0, p + width), ref Unsafe.Add(ref d0, q + produced0), ref table);
            var produced = produced0 + width + BitOperations.PopCount(escapes1);
            // Output position (from q) of the line's last column.
            var last = lineLength - 1 - col;
            if (produced < last)
            {
                p += 2 * width;
                q += produced;
                col += produced;
                lineStart = 0;
                continue;
            }
            // Cut back to the block holding the last column (the second one unless the first reaches it).
            // Branches rather than selects: the next step's input position then waits on no escape mask.
            var escapes = escapes0;
            if (last >= produced0)
            {
                p += width;
                q += produced0;
                last -= produced0;
                produced -= produced0;
                escapes = escapes1;
            }
            else
            {
                produced = produced0;
            }
            int k;
            int start;
            if (YencEncodeLines.NoneBelow(escapes, last))
            {
                // The usual case: byte `last` starts at column `last` (for last == width: the byte after the block).
                k = last;
                start = last;
            }
            else if (produced == last)
            {
                // The byte after the block is the line's last.
                k = width;
                start = produced;
            }
            else
            {
                k = YencEncodeLines.ByteCovering(escapes, last);
                start = k + BitOperations.PopCount(escapes & ((1u << k) - 1));
            }
            if (start == last && lastIsEdge)
            {
                var encoded = Unsafe.Add(ref lastWithCrLf, Unsafe.Add(ref s0, p + k));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + start), encoded);
                q += start + 3 + (int)(encoded >> 27);
            }
            else
            {
                // An escape that began one column early (or a one-character line) ends the line as encoded.
                var after = start + 1 + (int)((escapes >> k) & 1);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + after), (ushort)0x0A0D);
                q += after + 2;
            }
            p += k + 1;
            col = 0;
            lineStart = YencEncodeClasses.LineStart;
        }
        while (p <= lastStep && q <= lastOutput);
        i = p;
        o = q;
        column = col;
    }
}
