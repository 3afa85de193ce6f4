namespace Inet.Codecs;

/// <summary>Receives the files a <see cref="UuDecoder"/> finds, as a sequence of begin / data / end calls.</summary>
public interface IUuOutput
{
    /// <summary>A <c>begin</c> line was found; data for this file follows.</summary>
    void BeginFile(UuBeginLine header);

    /// <summary>The next decoded bytes of the current file. The span is only valid during the call.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>The current file ended: <paramref name="complete"/> is false when the input stopped before <c>end</c>.</summary>
    void EndFile(bool complete);
}
