using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Inet.Codecs.Yenc;

/// <summary>
/// How the 128- and 256-bit encoders spread 16 input bytes over 16 to 32 output bytes: one 64-byte entry per
/// 16-bit escape mask (4 MiB). The first 32 bytes are shuffle controls (output slot j takes input byte
/// control[j], or zero where the control is <see cref="EqualsSlot"/>), the next 32 what to add to the shuffled
/// byte: 42, 106 for an escaped byte, '=' in the slot before it. Shuffling the raw input and adding needs no
/// blend. Built on first use (2 ms to fill, 5-6 ms with the allocation and, under the JIT, compiling it), so
/// code that never encodes with SIMD never pays for it.
/// </summary>
internal static class YencExpandTable
{
    /// <summary>Bytes per entry.</summary>
    public const int EntrySize = 64;

    /// <summary>Offset of an entry's add bytes.</summary>
    public const int AddOffset = 32;

    /// <summary>The control of an output slot that takes '=': its top bit makes the shuffle give zero.</summary>
    public const byte EqualsSlot = 0xFF;

    private const int Entries = 1 << 16;

    // A piece stored from a later output slot (a line end) reads up to 63 bytes past its entry.
    private const int Padding = 64;

    private static Table? s_table;

    /// <summary>
    /// Where the entry for <paramref name="mask"/> is (in entries). Masks with none or one of the low bits set
    /// are common, and at mask * 64 bytes those with only high bits would all share one L1 set; folding the high
    /// byte into the low one (a bijection) spreads them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Slot(uint mask) => (nuint)(mask ^ (mask >> 8));

    /// <summary>The first byte of entry 0 (64-byte aligned, so an entry is one cache line).</summary>
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
        // Pinned: the offset stays aligned, and the kernels read it through a pointer.
        var bytes = GC.AllocateUninitializedArray<byte>(Entries * EntrySize + Padding + 63, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(bytes, 0);
        var offset = (int)((64 - (address & 63)) & 63);
        Fill(bytes.AsSpan(offset, Entries * EntrySize));
        bytes.AsSpan(offset + Entries * EntrySize, Padding).Clear();
        var built = new Table(bytes, offset);
        // Two threads may both build; both tables are equal, one is kept.
        return Interlocked.CompareExchange(ref s_table, built, null) ?? built;
    }

    private sealed record Table(byte[] Bytes, int Offset);

    /// <summary>
    /// Writes every entry: escaped input byte b gives slots ('=', b), any other gives (b). The spread of the low
    /// 8 mask bits is followed by that of the high 8 (indices + 8), so an entry is built from two 16-byte pieces;
    /// slots past the output are never kept (the next store overwrites them), so they hold leftovers.
    /// </summary>
    // Optimized at once rather than at tier 0: it runs once, over 4 MiB.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Fill(Span<byte> table)
    {
        Span<byte> halves = stackalloc byte[2 * 256 * 32];
        for (var half = 0; half < 2; half++)
        {
            for (var mask = 0; mask < 256; mask++)
            {
                var piece = halves.Slice((half * 256 + mask) * 32, 32);
                var slot = 0;
                for (var b = 0; b < 8; b++)
                {
                    var escaped = (mask & (1 << b)) != 0;
                    if (escaped)
                    {
                        piece[slot] = EqualsSlot;
                        piece[16 + slot++] = (byte)'=';
                    }
                    piece[slot] = (byte)(8 * half + b);
                    piece[16 + slot++] = (byte)(escaped ? 42 + 64 : 42);
                }
            }
        }
        if (table.Length < Entries * EntrySize)
            throw new ArgumentException("The table needs room for every entry.", nameof(table));
        ref var entries = ref MemoryMarshal.GetReference(table);
        ref var pieces = ref MemoryMarshal.GetReference(halves);
        // In table order (the fold is its own inverse: slot s holds mask Slot(s)), two 16-byte copies per half.
        for (var slot = 0; slot < Entries; slot++)
        {
            var mask = (int)Slot((uint)slot);
            ref var entry = ref Unsafe.Add(ref entries, (nint)slot * EntrySize);
            ref var low = ref Unsafe.Add(ref pieces, (mask & 0xFF) * 32);
            ref var high = ref Unsafe.Add(ref pieces, (256 + (mask >> 8)) * 32);
            var at = (nuint)(8 + BitOperations.PopCount((uint)mask & 0xFF));
            Vector128.LoadUnsafe(ref low).StoreUnsafe(ref entry);
            Vector128.LoadUnsafe(ref low, 16).StoreUnsafe(ref entry, AddOffset);
            Vector128.LoadUnsafe(ref high).StoreUnsafe(ref entry, at);
            Vector128.LoadUnsafe(ref high, 16).StoreUnsafe(ref entry, AddOffset + at);
        }
    }
}
