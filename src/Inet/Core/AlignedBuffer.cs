using System.Runtime.InteropServices;

namespace Inet.Core;

/// <summary>
/// A block of memory whose start is aligned to <see cref="DirectFile.BlockSize"/>, as direct writes need. It lives on
/// the pinned object heap, so its address never changes and no unsafe code is needed to find it.
/// </summary>
internal sealed class AlignedBuffer
{
    private readonly byte[] _array;
    private readonly int _start;

    /// <summary>Allocates <paramref name="length"/> aligned bytes.</summary>
    public AlignedBuffer(int length)
        : this(length, DirectFile.BlockSize)
    {
    }

    private AlignedBuffer(int length, int alignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _array = GC.AllocateUninitializedArray<byte>(length + alignment, pinned: true);
        _start = (int)((alignment - (Address(_array) & (alignment - 1))) & (alignment - 1));
        Length = length;
    }

    private AlignedBuffer(byte[] array, int start, int length)
    {
        _array = array;
        _start = start;
        Length = length;
    }

    /// <summary>Usable bytes.</summary>
    public int Length { get; }

    /// <summary>The aligned bytes.</summary>
    public Span<byte> Span => _array.AsSpan(_start, Length);

    /// <summary>Address of the first usable byte (for system calls about the memory itself).</summary>
    public nint Address() => (nint)(Address(_array) + _start);

    /// <summary>
    /// One allocation aligned to <paramref name="alignment"/> (a power of two), cut into <paramref name="count"/>
    /// buffers of <paramref name="length"/> bytes each (a multiple of the block size).
    /// </summary>
    public static (AlignedBuffer Whole, AlignedBuffer[] Slices) AllocateSlab(int length, int count, int alignment)
    {
        var whole = new AlignedBuffer(checked(length * count), alignment);
        var slices = new AlignedBuffer[count];
        for (var n = 0; n < count; n++)
            slices[n] = new AlignedBuffer(whole._array, whole._start + (n * length), length);
        return (whole, slices);
    }

    private static long Address(byte[] array) => (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
}
