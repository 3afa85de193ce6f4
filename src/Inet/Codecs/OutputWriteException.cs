namespace Inet.Codecs;

/// <summary>
/// Writing a decoded file to the output folder failed (disk full, no permission, I/O error). Unlike a network
/// failure, retrying or reconnecting does not help: downloads stop, keeping what they have for a later resume.
/// </summary>
public sealed class OutputWriteException : IOException
{
    /// <summary>Wraps <paramref name="inner"/>, the error of writing <paramref name="fileName"/>.</summary>
    public OutputWriteException(string fileName, Exception inner)
        : base($"Cannot write {fileName}: {inner?.Message}", inner) => FileName = fileName;

    /// <summary>The file that could not be written (its name in the output folder).</summary>
    public string FileName { get; }
}
