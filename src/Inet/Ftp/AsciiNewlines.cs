using Inet.Core;

namespace Inet.Ftp;

/// <summary>
/// TYPE A line endings (RFC 959 3.1.1.1): CRLF on the wire, LF on this side. Both directions work
/// block by block and carry a CR across block boundaries.
/// </summary>
internal static class AsciiNewlines
{
    /// <summary>CRLF to LF. A CR at the end of a block waits for the next; a lone CR is data and stays.</summary>
    public sealed class ToLocal : IBlockTransform
    {
        private bool _pendingCr;

        public int MaxOutputLength(int inputLength) => inputLength + 1;

        public int Transform(ReadOnlySpan<byte> input, Span<byte> output)
        {
            var write = 0;
            foreach (var b in input)
            {
                if (_pendingCr)
                {
                    _pendingCr = false;
                    if (b != (byte)'\n')
                        output[write++] = (byte)'\r';
                }
                if (b == (byte)'\r')
                {
                    _pendingCr = true;
                    continue;
                }
                output[write++] = b;
            }
            return write;
        }

        public int Flush(Span<byte> output)
        {
            if (!_pendingCr)
                return 0;
            _pendingCr = false;
            output[0] = (byte)'\r';
            return 1;
        }
    }

    /// <summary>Every bare LF to CRLF; CRLF already there stays as it is.</summary>
    public sealed class ToWire : IBlockTransform
    {
        private bool _lastWasCr;

        public int MaxOutputLength(int inputLength) => inputLength * 2;

        public int Transform(ReadOnlySpan<byte> input, Span<byte> output)
        {
            var write = 0;
            foreach (var b in input)
            {
                if (b == (byte)'\n' && !_lastWasCr)
                    output[write++] = (byte)'\r';
                output[write++] = b;
                _lastWasCr = b == (byte)'\r';
            }
            return write;
        }

        public int Flush(Span<byte> output) => 0;
    }
}
