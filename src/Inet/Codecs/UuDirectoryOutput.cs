namespace Inet.Codecs;

/// <summary>Writes each uudecoded file through a <see cref="MultipartAssembler"/> (temp file, safe name, rename).</summary>
internal sealed class UuDirectoryOutput(string outputDirectory) : IUuOutput, IDisposable
{
    private readonly List<AssemblyResult> _results = [];
    private MultipartAssembler? _assembler;
    private PartWriter? _writer;

    public IReadOnlyList<AssemblyResult> Results => _results;

    public void BeginFile(UuBeginLine header)
    {
        Dispose(); // a file left open (never ended) is dropped
        _assembler = new MultipartAssembler(outputDirectory, header.Name);
        _writer = _assembler.BeginPart(1, 0);
    }

    public void Write(ReadOnlySpan<byte> data) => _writer?.Write(data);

    public void EndFile(bool complete)
    {
        if (_assembler is null || _writer is null)
            return;
        if (complete)
            _writer.Complete();
        else
            _writer.CompleteTruncated();
        _results.Add(_assembler.Finish());
        _assembler.Dispose();
        _assembler = null;
        _writer = null;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _assembler?.Dispose();
        _writer = null;
        _assembler = null;
    }
}
