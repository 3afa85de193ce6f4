namespace Inet.Codecs.Yenc;

/// <summary>
/// One SIMD block of the encoder at a given vector width; <see cref="YencEncodeKernel"/> runs the lines over it.
/// Struct implementations let the JIT compile the kernel once per width with these calls inlined.
/// </summary>
internal interface IYencEncodeBlock
{
    /// <summary>Input bytes per block.</summary>
    static abstract int Width { get; }

    /// <summary>
    /// Encodes <see cref="Width"/> bytes from <paramref name="src"/> to <paramref name="dst"/> (Width plus one byte
    /// per escape, though up to 2 * Width bytes may be stored) and returns the escape mask, bit k for input byte k.
    /// NUL, LF, CR and '=' are escaped; when <paramref name="lineStart"/> is <see cref="YencEncodeClasses.LineStart"/>
    /// (not 0) byte 0 starts a line, and TAB, space and '.' are escaped there too.
    /// </summary>
    static abstract uint Encode(ref byte src, ref byte dst, ref byte expandTable, int lineStart);

    /// <summary><see cref="Encode"/> for a block that does not start a line (one operation less).</summary>
    static abstract uint EncodeInside(ref byte src, ref byte dst, ref byte expandTable);
}
