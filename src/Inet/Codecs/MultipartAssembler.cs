using Inet.Core;
using Microsoft.Win32.SafeHandles;

namespace Inet.Codecs;

/// <summary>
/// Builds one file from parts written at their offsets into a hidden temp file (<c>.name.inet-part</c>) in the
/// output folder. <see cref="Finish"/> checks that every part is there with the right size and CRC and then
/// renames the file into place; a damaged or incomplete file is kept under <c>name.damaged</c>/<c>name.incomplete</c>.
/// Parts may be written from several threads at once.
/// </summary>
public sealed class MultipartAssembler : IDisposable
{
    private const string TempSuffix = ".inet-part";
    private const long UnboundedLimit = long.MaxValue;

    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly MultipartAssemblerOptions _options;
    private readonly SafeFileHandle _handle;
    private readonly SafeFileHandle? _direct; // the same file opened for page-cache-free writes of whole blocks
    private volatile bool _directFailed;
    private readonly Dictionary<PartWriter, long> _active = []; // writer -> limit it reserved
    private readonly List<PartRecord> _done = [];
    private readonly List<PartConflict> _conflicts = [];
    private int _activeWrites;
    private int _closed;
    private AssemblyResult? _result;

    /// <summary>
    /// Creates the temp file for <paramref name="fileName"/> (sanitized; <paramref name="fallbackName"/> when nothing
    /// usable is left) inside <paramref name="outputDirectory"/>.
    /// </summary>
    public MultipartAssembler(
        string outputDirectory, string? fileName, MultipartAssemblerOptions? options = null,
        string fallbackName = SafeFileName.DefaultFallback)
    {
        _options = options ?? new MultipartAssemblerOptions();
        if (_options.ExpectedSize < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "Expected size is negative.");
        if (_options.ExpectedPartCount < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Expected part count must be at least 1.");
        var target = SafeFileName.Resolve(outputDirectory, fileName, fallbackName);
        _directory = Path.GetDirectoryName(target)!;
        FileName = Path.GetFileName(target);
        var preallocation = _options.Preallocate && _options.ExpectedSize is > 0 and var size ? size : 0;
        (TempPath, _handle) = CreateTempFile(_directory, FileName, preallocation);
        if (preallocation > 0)
            RandomAccess.SetLength(_handle, preallocation);
        _direct = _options.DirectWrites ? DirectFile.TryOpenForDirectWrites(_handle) : null;
    }

    private MultipartAssembler(string directory, string fileName, string tempPath, SafeFileHandle handle,
        MultipartAssemblerOptions options, IEnumerable<PartRecord> doneParts)
    {
        _directory = directory;
        _options = options;
        FileName = fileName;
        TempPath = tempPath;
        _handle = handle;
        _direct = options.DirectWrites ? DirectFile.TryOpenForDirectWrites(handle) : null;
        _done.AddRange(doneParts);
    }

    /// <summary>
    /// Reopens the temp file a previous assembler left behind with <see cref="Detach"/> (or a killed process), taking
    /// <paramref name="doneParts"/> as already written. The caller vouches for those parts (e.g. from a journal whose CRCs
    /// it re-checked); <paramref name="tempLeaf"/> must be a plain hidden <c>.inet-part</c> name directly in the folder.
    /// </summary>
    public static MultipartAssembler Resume(string outputDirectory, string fileName, string tempLeaf,
        MultipartAssemblerOptions? options, IEnumerable<PartRecord> doneParts)
    {
        ArgumentNullException.ThrowIfNull(doneParts);
        options ??= new MultipartAssemblerOptions();
        var target = SafeFileName.Resolve(outputDirectory, fileName);
        var directory = Path.GetDirectoryName(target)!;
        ArgumentNullException.ThrowIfNull(tempLeaf);
        if (!tempLeaf.StartsWith('.') || !tempLeaf.EndsWith(TempSuffix, StringComparison.Ordinal) || tempLeaf.Contains('/', StringComparison.Ordinal)
            || tempLeaf.Contains('\\', StringComparison.Ordinal) || tempLeaf.Contains('\0', StringComparison.Ordinal) || tempLeaf.Length <= TempSuffix.Length + 1)
            throw new ArgumentException("Not a temp file name of this assembler.", nameof(tempLeaf));
        var tempPath = Path.Combine(directory, tempLeaf);
        if (!SafeFileName.IsDirectChild(directory, tempPath) || new FileInfo(tempPath).LinkTarget is not null)
            throw new IOException($"Refusing to resume through {tempLeaf}: not a regular file in the folder.");
        var handle = File.OpenHandle(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        return new MultipartAssembler(directory, Path.GetFileName(target), tempPath, handle, options, doneParts);
    }

    /// <summary>The sanitized name the file gets when it is complete.</summary>
    public string FileName { get; }

    /// <summary>Full path of the hidden temp file the parts are written to.</summary>
    public string TempPath { get; }

    /// <summary>True when parts are written in whole blocks past the page cache (<see cref="MultipartAssemblerOptions.DirectWrites"/>).</summary>
    public bool WritesDirect => _direct is not null && !_directFailed;

    /// <summary>
    /// Starts part <paramref name="partNumber"/> (from 1) at <paramref name="offset"/>. A duplicate, overlapping or
    /// out-of-range part gets a writer that drops its data, and is reported in <see cref="AssemblyResult.Conflicts"/>.
    /// </summary>
    public PartWriter BeginPart(int partNumber, long offset, long? expectedLength = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (expectedLength < 0)
            throw new ArgumentOutOfRangeException(nameof(expectedLength));
        lock (_gate)
        {
            if (_result is not null)
                throw new InvalidOperationException("The assembler has finished.");
            var range = new ByteRange(offset, expectedLength ?? 0);
            var conflict = FindConflict(partNumber, range, expectedLength is null);
            if (conflict is not null)
            {
                _conflicts.Add(conflict);
                var discard = new PartWriter(this, partNumber, offset, expectedLength, offset, discarding: true);
                _active.Add(discard, offset);
                return discard;
            }
            // A part that failed before (bad CRC from one server) is replaced by a new attempt.
            _done.RemoveAll(p => p.PartNumber == partNumber);
            var limit = expectedLength is { } length ? offset + length : _options.ExpectedSize ?? UnboundedLimit;
            var stage = WritesDirect ? new DirectPartStage(this, offset) : null;
            var writer = new PartWriter(this, partNumber, offset, expectedLength, limit, discarding: false, stage);
            _active.Add(writer, limit);
            return writer;
        }
    }

    /// <summary>Reports what has arrived so far without finishing; <see cref="AssemblyResult.Path"/> is the temp file.</summary>
    public AssemblyResult Inspect()
    {
        lock (_gate)
            return _result ?? AssemblyAnalyzer.Analyze(FileName, TempPath, _options, _done, _conflicts);
    }

    /// <summary>
    /// Closes the file, checks parts, sizes and CRCs, and moves it to its final name (Ok) or to
    /// <c>name.damaged</c>/<c>name.incomplete</c>. Parts still being written count as missing.
    /// </summary>
    public AssemblyResult Finish()
    {
        lock (_gate)
        {
            if (_result is not null)
                return _result;
            _active.Clear(); // open parts are abandoned: their ranges count as missing
            StopWrites();
            var analysis = AssemblyAnalyzer.Analyze(FileName, TempPath, _options, _done, _conflicts);
            if (analysis.Parts.Count > 0)
                RandomAccess.SetLength(_handle, analysis.Size); // through our own handle: the path could be swapped
            CloseHandles();
            _result = Place(analysis);
            return _result;
        }
    }

    /// <summary>
    /// Closes the temp file but keeps it (and what was written) for <see cref="Resume"/>; parts still being written are
    /// abandoned. Afterwards the assembler is finished and <see cref="Dispose"/> does nothing.
    /// </summary>
    public void Detach()
    {
        lock (_gate)
        {
            if (_result is not null)
                return;
            _active.Clear();
            StopWrites();
            CloseHandles();
            _result = AssemblyAnalyzer.Analyze(FileName, TempPath, _options, _done, _conflicts);
        }
    }

    /// <summary>Deletes the temp file if <see cref="Finish"/> was not called.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_result is not null)
                return;
            StopWrites();
            CloseHandles();
            _result = AssemblyAnalyzer.Analyze(FileName, null, _options, [], _conflicts);
            File.Delete(TempPath);
        }
    }

    internal void WriteAt(ReadOnlySpan<byte> data, long fileOffset) => Write(data, fileOffset, direct: false);

    internal async ValueTask WriteAtAsync(ReadOnlyMemory<byte> data, long fileOffset, CancellationToken cancellationToken)
    {
        EnterWrite();
        try
        {
            _options.WriteFault?.Invoke(fileOffset);
            await RandomAccess.WriteAsync(_handle, data, fileOffset, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e is not OutputWriteException)
        {
            throw new OutputWriteException(FileName, e);
        }
        finally
        {
            Interlocked.Decrement(ref _activeWrites);
        }
    }

    // Whole aligned blocks of a part; where the file system refuses direct writes after all, they go through the cache.
    // Synchronous on purpose: on Unix an "asynchronous" file write is the same call made on a pool thread.
    internal void WriteDirectAt(ReadOnlySpan<byte> data, long fileOffset) => Write(data, fileOffset, direct: true);

    private void Write(ReadOnlySpan<byte> data, long fileOffset, bool direct)
    {
        EnterWrite();
        try
        {
            _options.WriteFault?.Invoke(fileOffset);
            if (!direct || _direct is null || _directFailed || !TryWriteDirect(_direct, data, fileOffset))
                RandomAccess.Write(_handle, data, fileOffset);
        }
        catch (IOException e) when (e is not OutputWriteException)
        {
            throw new OutputWriteException(FileName, e);
        }
        finally
        {
            Interlocked.Decrement(ref _activeWrites);
        }
    }

    private bool TryWriteDirect(SafeFileHandle direct, ReadOnlySpan<byte> data, long fileOffset)
    {
        try
        {
            RandomAccess.Write(direct, data, fileOffset);
            return true;
        }
        catch (IOException)
        {
            _directFailed = true; // e.g. EINVAL from a file system with larger blocks: write through the cache from now on
            return false;
        }
    }

    private void CloseHandles()
    {
        _direct?.Dispose();
        _handle.Dispose();
    }

    internal PartStatus EndPart(PartWriter writer, PartStatus status, long written, uint crc)
    {
        lock (_gate)
        {
            if (!_active.Remove(writer))
                return PartStatus.Abandoned; // finished (or disposed) while this part was still open
            if (writer.IsDiscarding)
                return PartStatus.Rejected;
            if (status != PartStatus.Abandoned)
                _done.Add(new PartRecord(writer.PartNumber, writer.Offset, writer.ExpectedLength, written, crc, status));
            return status;
        }
    }

    // A part of unknown length claims everything from its offset to the announced size (or the end of time).
    private PartConflict? FindConflict(int partNumber, ByteRange range, bool lengthUnknown)
    {
        if (partNumber > _options.ExpectedPartCount || range.End > _options.ExpectedSize || range.Start > _options.ExpectedSize)
            return new PartConflict(PartConflictKind.OutOfRange, partNumber, range, null);
        if (_active.Keys.Any(w => !w.IsDiscarding && w.PartNumber == partNumber)
            || _done.Any(p => p.PartNumber == partNumber && p.Status == PartStatus.Ok))
            return new PartConflict(PartConflictKind.Duplicate, partNumber, range, null);
        var claim = lengthUnknown ? new ByteRange(range.Start, (_options.ExpectedSize ?? UnboundedLimit) - range.Start) : range;
        foreach (var (other, limit) in _active)
        {
            if (!other.IsDiscarding && new ByteRange(other.Offset, limit - other.Offset).Overlaps(claim))
                return new PartConflict(PartConflictKind.Overlap, partNumber, range, other.PartNumber);
        }
        foreach (var done in _done)
        {
            if (done.PartNumber != partNumber && done.Range.Overlaps(claim))
                return new PartConflict(PartConflictKind.Overlap, partNumber, range, done.PartNumber);
        }
        return null;
    }

    private void EnterWrite()
    {
        Interlocked.Increment(ref _activeWrites);
        if (Volatile.Read(ref _closed) != 0)
        {
            Interlocked.Decrement(ref _activeWrites);
            throw new ObjectDisposedException(nameof(MultipartAssembler), "The assembler has finished; this part was abandoned.");
        }
    }

    // Waits for writes in flight so no byte lands in the file after it was checked and renamed.
    private void StopWrites()
    {
        Interlocked.Exchange(ref _closed, 1);
        var spin = new SpinWait();
        while (Volatile.Read(ref _activeWrites) != 0)
            spin.SpinOnce();
    }

    private AssemblyResult Place(AssemblyResult analysis)
    {
        if (analysis.Parts.Count == 0)
        {
            File.Delete(TempPath);
            return analysis with { Path = null };
        }
        var leaf = analysis.Status switch
        {
            AssemblyStatus.Ok => FileName,
            AssemblyStatus.Incomplete => SafeFileName.WithAffixes(FileName, "", ".incomplete"),
            _ => SafeFileName.WithAffixes(FileName, "", ".damaged"),
        };
        var path = analysis.Status == AssemblyStatus.Ok && _options.OverwriteExisting
            ? MoveOverwriting(leaf)
            : MoveToFreeName(leaf);
        return analysis with { Path = path };
    }

    private string MoveOverwriting(string leaf)
    {
        var destination = Path.Combine(_directory, leaf);
        File.Move(TempPath, destination, overwrite: true);
        return destination;
    }

    private string MoveToFreeName(string leaf)
    {
        for (var attempt = 0; ; attempt++)
        {
            var destination = SafeFileName.ResolveUnique(_directory, leaf);
            try
            {
                File.Move(TempPath, destination, overwrite: false);
                return destination;
            }
            catch (IOException) when (File.Exists(destination) && attempt < 100)
            {
                // Someone took the name between the check and the move: pick again.
            }
        }
    }

    private static (string Path, SafeFileHandle Handle) CreateTempFile(string directory, string fileName, long preallocation)
    {
        for (var n = 0; ; n++)
        {
            var leaf = n == 0 ? fileName : SafeFileName.WithNumber(fileName, n);
            var path = Path.Combine(directory, SafeFileName.WithAffixes(leaf, ".", TempSuffix));
            try
            {
                // CreateNew refuses an existing file or symlink, so the temp file cannot be redirected.
                return (path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, FileOptions.None, preallocation));
            }
            catch (IOException) when (n < 1000 && (File.Exists(path) || new FileInfo(path).LinkTarget is not null))
            {
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && !File.Exists(path))
            {
                throw new OutputWriteException(leaf, e); // e.g. no room for the preallocation, a read-only folder
            }
        }
    }
}
