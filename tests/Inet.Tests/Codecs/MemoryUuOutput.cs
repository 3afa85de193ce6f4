using Inet.Codecs;

namespace Inet.Tests.Codecs;

/// <summary>Collects decoded uu files in memory.</summary>
internal sealed class MemoryUuOutput : IUuOutput
{
    private MemoryStream? _current;
    private UuBeginLine? _header;

    public List<(UuBeginLine Header, byte[] Data, bool Complete)> Files { get; } = [];

    public void BeginFile(UuBeginLine header)
    {
        Assert.Null(_current); // the decoder always ends a file before beginning the next
        _header = header;
        _current = new MemoryStream();
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        Assert.NotNull(_current);
        _current.Write(data);
    }

    public void EndFile(bool complete)
    {
        Assert.NotNull(_current);
        Files.Add((_header!, _current.ToArray(), complete));
        _current = null;
    }
}
