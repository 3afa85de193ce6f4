namespace Inet.Codecs.Yenc;

/// <summary>
/// One SIMD block of the encoder at a given vector width; <see cref="YencEncodeKernel"/> runs the lines over it.
/// Struct implementations let the JIT compile the kernel once per width with these calls inlined.
/// </summary>
internal unsafe interface IYencEncodeBlock
{
    /// <summary>Input bytes per block (a multiple of 16).</summary>
    static abstract int Width { get; }

    /// <summary>
    /// The escape masks of the two blocks at <paramref name="src"/> (bit k for byte k of each): NUL, LF, CR and '='
    /// are escaped; where <paramref name="lineStart"/> (a constant at each call, so the JIT drops the other case),
    /// byte 0 starts a line, and TAB, space and '.' are escaped there too.
    /// </summary>
    static abstract void ClassifyStep(byte* src, bool lineStart, out uint first, out uint second);

    /// <summary>
    /// Writes the output of the 16 input bytes at <paramref name="src"/> whose escape mask is
    /// <paramref name="mask"/>, from its output byte <paramref name="skip"/> (0 to 32) on, at <paramref name="dst"/>;
    /// stores 32 bytes, of which those past the piece's output are leftovers.
    /// </summary>
    static abstract void StorePiece(byte* src, byte* dst, byte* table, uint mask, int skip);
}
