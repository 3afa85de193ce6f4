using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 bytes per step with AVX2, as two 32-byte vectors. One in-lane lookup finds '=', CR and LF; blocks
/// without them (and no pending escape or line start) are stored at once. Otherwise the drop mask packs
/// each 16 bytes through one shuffle from <see cref="YencCompactTable"/>. The rare cases go to the scalar
/// decoder, as in the 512-bit kernel: an escaped '=', CR or LF, a line starting with '.' in dot-stuffed
/// input, and a line starting with "=y".
/// </summary>
internal static class YencDecodeKernel256
{
    /// <summary>Bytes per step.</summary>
    public const int Width = 64;

    // Indexed by min(byte, '.') & 15: LF and CR at their own slots, '=' at '.''s slot (every byte from '.'
    // up looks there), elsewhere 0xFF, which no byte below '.' equals.
    private static ReadOnlySpan<byte> SpecialsTable =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'\n', 0xFF, 0xFF, (byte)'\r', (byte)'=', 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'\n', 0xFF, 0xFF, (byte)'\r', (byte)'=', 0xFF,
    ];

    /// <summary>Decodes whole blocks; returns true when it stopped at a block the scalar decoder must do.</summary>
    public static bool Run<TMode>(ReadOnlySpan<byte> src, Span<byte> dst, ref int i, ref int o, bool escape)
        where TMode : struct, IYencDecodeMode
    {
        // Decoding never lengthens, so one bound on p keeps both the loads and the stores inside.
        var end = Math.Min(src.Length, dst.Length - o + i) - Width;
        if (i > end)
            return false;
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var table = ref MemoryMarshal.GetArrayDataReference(YencCompactTable.Controls);
        var p = (nuint)i;
        var q = (nuint)o;
        var last = (nuint)end;
        var specials = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(SpecialsTable));
        var vEq = Vector256.Create((byte)'=');
        var vLf = Vector256.Create((byte)'\n');
        var vDot = Vector256.Create((byte)'.');
        var vY = Vector256.Create((byte)'y');
        var v42 = Vector256.Create((byte)42);
        var v106 = Vector256.Create((byte)106);
        // Inside the loop no '=' is escaped (such blocks are declined), so "escaped" is simply "the previous
        // byte is '='"; only the byte before the first block needs checking against the state.
        if ((Unsafe.Add(ref s0, p - 1) == (byte)'=') != escape)
            return true;
        // Bit 0: the byte before the block is '=', CR or LF (a pending escape or a line start), so the block
        // cannot be stored as is; the first block scalarOnly looks back.
        var carry = 1u;
        var declined = false;
        while (p <= last)
        {
            var a = Vector256.LoadUnsafe(ref s0, p);
            var b = Vector256.LoadUnsafe(ref s0, p + 32);
            var specialA = Vector256.Equals(Avx2.Shuffle(specials, Vector256.Min(a, vDot)), a);
            var specialB = Vector256.Equals(Avx2.Shuffle(specials, Vector256.Min(b, vDot)), b);
            var dropA = specialA.ExtractMostSignificantBits();
            var dropB = specialB.ExtractMostSignificantBits();
            if ((dropA | dropB | carry) == 0)
            {
                (a - v42).StoreUnsafe(ref d0, q);
                (b - v42).StoreUnsafe(ref d0, q + 32);
                p += Width;
                q += Width;
                continue;
            }
            carry = dropB >> 31;
            var prevA = Vector256.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1));
            var prevB = Vector256.LoadUnsafe(ref Unsafe.Add(ref s0, p + 31));
            var escapedA = Vector256.Equals(prevA, vEq);
            var escapedB = Vector256.Equals(prevB, vEq);
            // Rare, left to the scalar decoder: an escaped '=', CR or LF; "=y" anywhere (a control line when it
            // starts one, else data no encoder writes); in dot-stuffed input a line starting with '.' (stuffed, or
            // the end of the article).
            var scalarOnly = (escapedA & (specialA | Vector256.Equals(a, vY))) | (escapedB & (specialB | Vector256.Equals(b, vY)));
            if (TMode.IsRaw)
            {
                scalarOnly |= (Vector256.Equals(prevA, vLf) & Vector256.Equals(a, vDot))
                    | (Vector256.Equals(prevB, vLf) & Vector256.Equals(b, vDot));
            }
            if (!Vector256.EqualsAll(scalarOnly, Vector256<byte>.Zero))
            {
                declined = true;
                break;
            }
            var packedA = Avx2.Shuffle(a - Avx2.BlendVariable(v42, v106, escapedA), Vector256.Create(
                Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((dropA << 4) & 0x7FFF0))),
                Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((dropA >> 12) & 0x7FFF0)))));
            var packedB = Avx2.Shuffle(b - Avx2.BlendVariable(v42, v106, escapedB), Vector256.Create(
                Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((dropB << 4) & 0x7FFF0))),
                Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((dropB >> 12) & 0x7FFF0)))));
            var keptA = ~dropA;
            var keptB = ~dropB;
            packedA.GetLower().StoreUnsafe(ref d0, q);
            q += (uint)BitOperations.PopCount(keptA & 0xFFFF);
            packedA.GetUpper().StoreUnsafe(ref d0, q);
            q += (uint)BitOperations.PopCount(keptA & 0xFFFF0000);
            packedB.GetLower().StoreUnsafe(ref d0, q);
            q += (uint)BitOperations.PopCount(keptB & 0xFFFF);
            packedB.GetUpper().StoreUnsafe(ref d0, q);
            q += (uint)BitOperations.PopCount(keptB & 0xFFFF0000);
            p += Width;
        }
        i = (int)p;
        o = (int)q;
        return declined;
    }
}
