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
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _array = GC.AllocateUninitializedArray<byte>(length + DirectFile.BlockSize, pinned: true);
        var address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
        _start = (int)((DirectFile.BlockSize - (address & (DirectFile.BlockSize - 1))) & (DirectFile.BlockSize - 1));
        Length = length;
    }

    /// <summary>Usable bytes.</summary>
    public int Length { get; }

    /// <summary>The aligned bytes.</summary>
    public Span<byte> Span => _array.AsSpan(_start, Length);
}
