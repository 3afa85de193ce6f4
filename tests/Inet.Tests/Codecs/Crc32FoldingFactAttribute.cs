using Inet.Codecs;

namespace Inet.Tests.Codecs;

/// <summary>A fact for the 512-bit CRC-32 folding code: skipped, with the reason, on CPUs that cannot run it.</summary>
public sealed class Crc32FoldingFactAttribute : FactAttribute
{
    public Crc32FoldingFactAttribute() => Skip = Crc32FoldingSupport.SkipReason;
}

internal static class Crc32FoldingSupport
{
    /// <summary>Null when this CPU has VPCLMULQDQ on 512-bit vectors (AVX-512); CI machines need not have it either.</summary>
    public static string? SkipReason => Crc32Folding.IsSupported
        ? null
        : "this CPU has no 512-bit carry-less multiply (AVX-512 VPCLMULQDQ), so the folding code cannot run; Crc32Math uses System.IO.Hashing here";
}

/// <summary>A fact for the 256-bit CRC-32 folding code: skipped, with the reason, on CPUs without 256-bit VPCLMULQDQ.</summary>
public sealed class Crc32Folding256FactAttribute : FactAttribute
{
    public Crc32Folding256FactAttribute() => Skip = Crc32Folding256.IsSupported
        ? null
        : "this CPU has no 256-bit carry-less multiply (VPCLMULQDQ), so the 256-bit folding code cannot run";
}
