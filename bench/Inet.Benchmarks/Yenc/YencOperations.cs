using MimeKit.Encodings;
using Inet.Codecs.Yenc;

namespace Inet.Benchmarks.Yenc;

/// <summary>One call of each measured operation, shared by the BenchmarkDotNet class and the compare runner.</summary>
internal sealed class YencOperations(YencInputs inputs)
{
    private readonly YencDecoder _rawDecoder = new(dotStuffed: true);
    private readonly YencDecoder _plainDecoder = new(dotStuffed: false);
    private readonly YencEncoder _encoder = new(YencInputs.LineLength);
    private readonly YDecoder _mimeDecoder = new(payloadOnly: true);
    // MimeKit takes lines of 60 to 998 characters.
    private readonly YEncoder _mimeEncoder = new(Math.Clamp(YencInputs.LineLength, 60, 998));
    private readonly byte[] _mimeEncodeBuffer = new byte[YencInputs.Size * 2 + 65536];

    /// <summary>Forces a SIMD path (Scalar, Vector128, Vector256, Vector512) to see what machines without AVX-512 get.</summary>
    public void UsePath(YencSimdPath path)
    {
        _rawDecoder.Path = path;
        _plainDecoder.Path = path;
        _encoder.Path = path;
    }

    public int DecodeRaw()
    {
        _rawDecoder.Reset();
        _rawDecoder.Decode(inputs.Encoded, inputs.DecodeBuffer, out _, out var written);
        return written;
    }

    public int Decode()
    {
        _plainDecoder.Reset();
        _plainDecoder.Decode(inputs.Encoded, inputs.DecodeBuffer, out _, out var written);
        return written;
    }

    public int Encode()
    {
        _encoder.Reset();
        _encoder.Encode(inputs.Data, inputs.EncodeBuffer, out _, out var written);
        return written;
    }

    public uint Crc32() => Inet.Codecs.Crc32Math.Hash(inputs.Data);

    public int MimeKitDecode()
    {
        _mimeDecoder.Reset();
        return _mimeDecoder.Decode(inputs.Encoded, 0, inputs.Encoded.Length, inputs.DecodeBuffer);
    }

    public int MimeKitEncode()
    {
        _mimeEncoder.Reset();
        return _mimeEncoder.Flush(inputs.Data, 0, inputs.Data.Length, _mimeEncodeBuffer);
    }
}
