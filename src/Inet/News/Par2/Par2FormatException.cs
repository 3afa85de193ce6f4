namespace Inet.News.Par2;

/// <summary>No usable recovery set could be read (no valid Main packet, or not a PAR2 file).</summary>
public sealed class Par2FormatException : FormatException
{
    public Par2FormatException() { }

    public Par2FormatException(string message) : base(message) { }

    public Par2FormatException(string message, Exception? innerException) : base(message, innerException) { }
}
