using BenchmarkDotNet.Attributes;
using Inet.Nntp;

namespace Inet.Benchmarks.Nntp;

/// <summary>OverviewParser.TryParse on the generated OVER lines; per-line time and allocations.</summary>
[MemoryDiagnoser]
public class OverviewParserBenchmarks
{
    private const int LineCount = 10_000;
    private readonly OverviewFormat _format = OverviewFormat.Parse(OverviewData.FormatLines);
    private byte[][] _lines = [];
    private byte[] _yencLine = [];
    private byte[] _encodedLine = [];

    [GlobalSetup]
    public void Setup()
    {
        _lines = OverviewData.Lines(LineCount).ToArray();
        _yencLine = _lines.First(l => l.AsSpan().IndexOf(" yEnc ("u8) >= 0);
        _encodedLine = _lines.First(l => l.AsSpan().IndexOf("=?UTF-8?"u8) >= 0);
    }

    [Benchmark(Description = "one yEnc multipart line")]
    public OverviewRecord YencLine() => OverviewParser.TryParse(_yencLine, _format, out var record) ? record : throw new InvalidDataException();

    [Benchmark(Description = "one RFC 2047 subject line")]
    public OverviewRecord EncodedLine() => OverviewParser.TryParse(_encodedLine, _format, out var record) ? record : throw new InvalidDataException();

    [Benchmark(Description = "mixed lines (per line)", OperationsPerInvoke = LineCount)]
    public long MixedLines()
    {
        long sum = 0;
        foreach (var line in _lines)
        {
            if (OverviewParser.TryParse(line, _format, out var record))
                sum += record.Bytes;
        }
        return sum;
    }
}
