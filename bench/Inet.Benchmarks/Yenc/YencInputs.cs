using Inet.Codecs.Yenc;

namespace Inet.Benchmarks.Yenc;

/// <summary>The shared benchmark input: 768,000 random bytes (as in yencode's own benchmark), line length 128 unless YENC_LINE says.</summary>
internal sealed class YencInputs
{
    public const int Size = 768_000;
    /// <summary>128, or YENC_LINE (which bench/peers/yencode/bench.js reads too), e.g. 1000000 to see the kernels without line ends.</summary>
    public static readonly int LineLength = int.TryParse(Environment.GetEnvironmentVariable("YENC_LINE"), out var line) && line > 0 ? line : 128;

    public YencInputs(int seed = 42)
    {
        Data = new byte[Size];
        new Random(seed).NextBytes(Data);
        EncodeBuffer = new byte[YencEncoder.GetMaxEncodedLength(Size, LineLength)];
        new YencEncoder(LineLength).Encode(Data, EncodeBuffer, out _, out var written);
        Encoded = EncodeBuffer[..written];
        DecodeBuffer = new byte[Encoded.Length + 64];
    }

    /// <summary>Unencoded random data.</summary>
    public byte[] Data { get; }

    /// <summary>Data encoded with line length 128 (already safe as a dot-stuffed NNTP body).</summary>
    public byte[] Encoded { get; }

    /// <summary>Room for an encoding of <see cref="Data"/>.</summary>
    public byte[] EncodeBuffer { get; }

    /// <summary>Room for a decoding of <see cref="Encoded"/>.</summary>
    public byte[] DecodeBuffer { get; }
}
