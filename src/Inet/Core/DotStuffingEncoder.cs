using System.Buffers;

namespace Inet.Core;

/// <summary>
/// Incremental dot-stuffing for multi-line data sent to a server: doubles a dot at the start of
/// a line, turns bare LF into CRLF and, on <see cref="Complete"/>, ends the block with ".\r\n".
/// Feed it chunks of any size; a chunk may end anywhere.
/// </summary>
public struct DotStuffingEncoder
{
    private bool _midLine;
    private bool _lastWasCr;

    /// <summary>Encodes one chunk into <paramref name="destination"/>.</summary>
    public void Encode(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        while (!source.IsEmpty)
        {
            if (!_midLine)
            {
                if (source[0] == (byte)'.')
                    Put(destination, (byte)'.');
                _midLine = true;
            }
            var lf = source.IndexOf((byte)'\n');
            var run = lf < 0 ? source : source[..lf];
            if (!run.IsEmpty)
            {
                destination.Write(run);
                _lastWasCr = run[^1] == (byte)'\r';
            }
            if (lf < 0)
                return;
            if (!_lastWasCr)
                Put(destination, (byte)'\r');
            Put(destination, (byte)'\n');
            _lastWasCr = false;
            _midLine = false;
            source = source[(lf + 1)..];
        }
    }

    /// <summary>Closes an unterminated last line and writes the terminating ".\r\n".</summary>
    public void Complete(IBufferWriter<byte> destination)
    {
        if (_midLine)
            destination.Write(_lastWasCr ? "\n"u8 : "\r\n"u8);
        destination.Write(".\r\n"u8);
        _midLine = false;
        _lastWasCr = false;
    }

    private static void Put(IBufferWriter<byte> destination, byte value)
    {
        destination.GetSpan(1)[0] = value;
        destination.Advance(1);
    }
}
