using BenchmarkDotNet.Attributes;

namespace Inet.Benchmarks.Yenc;

/// <summary>yEnc and CRC32 on 768,000 random bytes: Inet against MimeKit (yencode is measured by bench/peers/yencode).</summary>
[MemoryDiagnoser]
public class YencBenchmarks
{
    private YencOperations _ops = null!;

    [GlobalSetup]
    public void Setup() => _ops = new YencOperations(new YencInputs());

    [Benchmark(Description = "Inet decode (dot-stuffed)")]
    public int InetDecodeRaw() => _ops.DecodeRaw();

    [Benchmark(Description = "Inet decode")]
    public int InetDecode() => _ops.Decode();

    [Benchmark(Description = "Inet encode")]
    public int InetEncode() => _ops.Encode();

    [Benchmark(Description = "Inet CRC32")]
    public uint InetCrc32() => _ops.Crc32();

    [Benchmark(Description = "MimeKit YDecoder")]
    public int MimeKitDecode() => _ops.MimeKitDecode();

    [Benchmark(Description = "MimeKit YEncoder")]
    public int MimeKitEncode() => _ops.MimeKitEncode();
}
