using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Shuffle controls that spread 16 input bytes over 16 to 32 output bytes, one 32-byte entry per 16-bit escape
/// mask (2 MiB): output slot j takes input byte entry[j], or '=' where entry[j] has its top bit set. Built on
/// first use (about a millisecond), so code that never encodes with SIMD never pays for it.
/// </summary>
internal static class YencExpandTable
{
    /// <summary>Bytes per entry.</summary>
    public const int EntrySize = 32;

    /// <summary>Marks an output slot that takes '='; a shuffle turns it into zero, a blend into '='.</summary>
    public const byte EqualsSlot = 0xFF;

    private const int Entries = 1 << 16;

    private static Table? s_table;

    /// <summary>
    /// Where the entry for <paramref name="mask"/> is (in entries). Masks with one or two of the high bits set are
    /// common, and at mask * 32 bytes they would all share a 4 KiB page offset, so one L1 set; folding the high
    /// bits into the low ones (a bijection) spreads them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Slot(uint mask) => (nuint)(mask ^ (mask >> 7));

    /// <summary>The first byte of entry 0 (64-byte aligned, so no entry straddles a cache line).</summary>
    public static ref byte Start
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var table = Volatile.Read(ref s_table) ?? Build();
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Bytes), table.Offset);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Table Build()
    {
        // Pinned, so the aligned offset stays aligned.
        var bytes = GC.AllocateUninitializedArray<byte>(Entries * EntrySize + 63, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(bytes, 0);
        var offset = (int)((64 - (address & 63)) & 63);
        Fill(bytes.AsSpan(offset, Entries * EntrySize));
        var built = new Table(bytes, offset);
        // Two threads may both build; both tables are equal, one is kept.
        return Interlocked.CompareExchange(ref s_table, built, null) ?? built;
    }

    private sealed record Table(byte[] Bytes, int Offset);

    /// <summary>
    /// Writes every entry: escaped input byte b gives slots ('=', b), any other gives (b). An entry is the spread
    /// of its low 8 mask bits followed by that of its high 8 (indices + 8), so it is built from two 16-byte
    /// pieces; slots past the output are never kept (the next store overwrites them), so they hold leftovers.
    /// </summary>
    internal static void Fill(Span<byte> table)
    {
        Span<byte> halves = stackalloc byte[2 * 256 * 16];
        for (var half = 0; half < 2; half++)
        {
            for (var mask = 0; mask < 256; mask++)
            {
                var piece = halves.Slice((half * 256 + mask) * 16, 16);
                var slot = 0;
                for (var b = 0; b < 8; b++)
                {
                    if ((mask & (1 << b)) != 0)
                        piece[slot++] = EqualsSlot;
                    piece[slot++] = (byte)(8 * half + b);
                }
            }
        }
        for (var mask = 0; mask < Entries; mask++)
        {
            var entry = table.Slice((int)Slot((uint)mask) * EntrySize, EntrySize);
            var low = mask & 0xFF;
            halves.Slice(low * 16, 16).CopyTo(entry);
            halves.Slice((256 + (mask >> 8)) * 16, 16).CopyTo(entry[(8 + BitOperations.PopCount((uint)low))..]);
        }
    }
}
