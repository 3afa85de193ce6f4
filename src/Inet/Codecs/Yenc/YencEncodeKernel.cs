using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Inet.Codecs.Yenc;

/// <summary>
/// The 128- and 256-bit encoders. A step is two blocks; each 16 input bytes (a piece) are spread over their
/// output by one table entry. The input always advances by a whole step, so loads never wait on line-end
/// arithmetic: when a line ends inside a step, CRLF goes after its last byte and the rest of that piece is
/// stored again two bytes further on (its entry read from a later slot), then the pieces after it.
/// A line end that needs a line-edge escape (TAB or space ending the line, TAB, space or '.' starting the
/// next), and every line end of lines too short for this, end the line at its last byte and start the next
/// step there instead.
/// </summary>
internal static unsafe class YencEncodeKernel
{
    /// <summary>
    /// Encodes src[i..end) while there is input for a whole step (and one byte more) and room for its output.
    /// </summary>
    // Not inlined: with dynamic PGO the JIT would inline the hot kernel into YencEncoder.Encode, where it
    // spills in the loop. Optimized at once, as the native tool compiles it.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run<TBlock>(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, ref int column, ref int i, ref int o, int end)
        where TBlock : struct, IYencEncodeBlock
    {
        var width = TBlock.Width;
        var step = 2 * width;
        // A step reads one byte past itself (the next line's first byte) and writes at most its output, CRLF
        // and a 32-byte piece store from the end of it.
        var lastStep = end - step - 1;
        var lastOutput = dst.Length - (2 * step + 2 + 32);
        if (i > lastStep || o > lastOutput)
            return;
        // Pinned for the step: the pieces are loaded into both lanes straight from memory, which takes a pointer.
        fixed (byte* s0 = &MemoryMarshal.GetReference(src))
        fixed (byte* d0 = &MemoryMarshal.GetReference(dst))
        {
            var table = (byte*)Unsafe.AsPointer(ref YencExpandTable.Start);
            ref var edgeClass = ref MemoryMarshal.GetArrayDataReference(YencLineEdges.Class);
            ref var lastWithCrLf = ref MemoryMarshal.GetArrayDataReference(YencLineEdges.LastWithCrLf);
            // The bytes after a line end in a step (at most step - 1, so 2 * step - 2 output bytes) never end another.
            var cutInPlace = lineLength >= 2 * step - 1;
            var sp = s0 + i;
            var dp = d0 + o;
            var sLast = s0 + lastStep;
            var dLast = d0 + lastOutput;
            var col = column;
            var lineStart = col == 0;
            do
            {
                // A line starts a step only after an edge escape or when the last one ended with a step.
                uint m0, m1;
                if (lineStart)
                    TBlock.ClassifyStep(sp, true, out m0, out m1);
                else
                    TBlock.ClassifyStep(sp, false, out m0, out m1);
                // Pieces and where their output starts: four with 32-byte blocks, two with 16-byte ones.
                uint p0, p1, p2 = 0, p3 = 0;
                int o1, o2 = 0, o3 = 0, total;
                if (width == 32)
                {
                    p0 = m0 & 0xFFFF;
                    p1 = m0 >> 16;
                    p2 = m1 & 0xFFFF;
                    p3 = m1 >> 16;
                    o1 = 16 + BitOperations.PopCount(p0);
                    o2 = 32 + BitOperations.PopCount(m0);
                    o3 = o2 + 16 + BitOperations.PopCount(p2);
                    total = o2 + 32 + BitOperations.PopCount(m1);
                }
                else
                {
                    p0 = m0;
                    p1 = m1;
                    o1 = 16 + BitOperations.PopCount(m0);
                    total = o1 + 16 + BitOperations.PopCount(m1);
                }
                if (col + total < lineLength)
                {
                    TBlock.StorePiece(sp, dp, table, p0, 0);
                    TBlock.StorePiece(sp + 16, dp + o1, table, p1, 0);
                    if (width == 32)
                    {
                        TBlock.StorePiece(sp + 32, dp + o2, table, p2, 0);
                        TBlock.StorePiece(sp + 48, dp + o3, table, p3, 0);
                    }
                    sp += step;
                    dp += total;
                    col += total;
                    lineStart = false;
                    continue;
                }

                // The line's last byte: its output reaches `room` characters. Usually it is room - 1 less the
                // escapes before it and ends exactly there.
                var esc = m0 | ((ulong)m1 << width);
                var room = lineLength - col;
                var before = BitOperations.PopCount(YencEncodeLines.LowBits(esc, room - 1));
                var last = room - 1 - before;
                var cut = room;
                if (BitOperations.PopCount(YencEncodeLines.LowBits(esc, last + 1)) != before)
                {
                    last = YencEncodeLines.LastByte(esc, room);
                    cut = last + 1 + BitOperations.PopCount(YencEncodeLines.LowBits(esc, last + 1));
                }
                var piece = last >> 4;
                TBlock.StorePiece(sp, dp, table, p0, 0);
                if (piece >= 1)
                    TBlock.StorePiece(sp + 16, dp + o1, table, p1, 0);
                if (width == 32)
                {
                    if (piece >= 2)
                        TBlock.StorePiece(sp + 32, dp + o2, table, p2, 0);
                    if (piece >= 3)
                        TBlock.StorePiece(sp + 48, dp + o3, table, p3, 0);
                }
                var edges = cutInPlace
                    ? (Unsafe.Add(ref edgeClass, sp[last]) & YencLineEdges.EndOfLine)
                        | (last < step - 1 ? Unsafe.Add(ref edgeClass, sp[last + 1]) & YencLineEdges.StartOfLine : 0)
                    : YencLineEdges.EndOfLine;
                if (edges != 0)
                {
                    // End the line at its last byte, with the line-end escapes, and start the next step after it.
                    var at = last + BitOperations.PopCount(YencEncodeLines.LowBits(esc, last));
                    var input = sp[last];
                    // Escaped already: always, or as a line's first byte too (a one-character line).
                    var encoded = ((esc >> last) & 1) != 0
                        ? '=' | (uint)(byte)(input + 42 + 64) << 8 | 0x0A0D0000u
                        : Unsafe.Add(ref lastWithCrLf, input);
                    *(uint*)(dp + at) = encoded;
                    dp += at + 3 + (int)(encoded >> 27);
                    sp += last + 1;
                    col = 0;
                    lineStart = true;
                    continue;
                }
                *(ushort*)(dp + cut) = 0x0A0D;
                var pieceStart = 16 * piece + BitOperations.PopCount(YencEncodeLines.LowBits(esc, 16 * piece));
                TBlock.StorePiece(sp + 16 * piece, dp + cut + 2, table, (uint)(esc >> (16 * piece)) & 0xFFFF, cut - pieceStart);
                if (piece < 1)
                    TBlock.StorePiece(sp + 16, dp + o1 + 2, table, p1, 0);
                if (width == 32)
                {
                    if (piece < 2)
                        TBlock.StorePiece(sp + 32, dp + o2 + 2, table, p2, 0);
                    if (piece < 3)
                        TBlock.StorePiece(sp + 48, dp + o3 + 2, table, p3, 0);
                }
                sp += step;
                dp += total + 2;
                col = total - cut;
                lineStart = col == 0;
            }
            while (sp <= sLast && dp <= dLast);
            i = (int)(sp - s0);
            o = (int)(dp - d0);
            column = col;
        }
    }
}
