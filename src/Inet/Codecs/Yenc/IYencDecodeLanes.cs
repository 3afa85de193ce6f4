namespace Inet.Codecs.Yenc;

/// <summary>
/// The width-specific steps of <see cref="YencDecodeKernel"/>: one implementation per vector type, as structs,
/// so the JIT compiles one loop per width with every call inlined.
/// </summary>
internal interface IYencDecodeLanes<TVector> where TVector : struct
{
    /// <summary>Bytes per vector.</summary>
    static abstract int Size { get; }

    /// <summary>Whether the kernel stores steps without '=', CR and LF by a shortcut (a branch) or packs every step.</summary>
    static abstract bool StoresPlainBlocks { get; }

    static abstract TVector Load(ref byte source, nuint offset);

    static abstract void Store(TVector value, ref byte destination, nuint offset);

    static abstract TVector Broadcast(byte value);

    static abstract TVector Equals(TVector left, TVector right);

    static abstract TVector Or(TVector left, TVector right);

    static abstract TVector And(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    /// <summary>Per byte: <paramref name="value"/> minus 42, and 64 more where <paramref name="escaped"/> is 0xFF.</summary>
    static abstract TVector DecodeBytes(TVector value, TVector escaped);

    static abstract bool IsZero(TVector value);

    /// <summary>Bit k = top bit of byte k, of each of two vectors whose bytes are all ones or all zeros.</summary>
    static abstract void Masks(TVector first, TVector second, out uint firstMask, out uint secondMask);

    /// <summary><see cref="YencDecodeKernel.SpecialsTable"/> in each 16-byte lane.</summary>
    static abstract TVector SpecialsLookup();

    /// <summary>0xFF for each '=', CR and LF: one lookup in <paramref name="lookup"/> at min(byte, <paramref name="dot"/>).</summary>
    static abstract TVector FindSpecials(TVector value, TVector lookup, TVector dot);

    /// <summary>
    /// Stores the bytes of <paramref name="value"/> whose <paramref name="drop"/> bit is clear, packed, at
    /// <paramref name="destination"/> + <paramref name="offset"/> (writing a whole vector), and returns the offset after them.
    /// </summary>
    static abstract nuint StorePacked(TVector value, uint drop, ref byte table, ref byte destination, nuint offset);
}
