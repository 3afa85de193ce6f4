using System.Globalization;
using System.Text;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// A deterministic ~750 KB yEnc multipart body as an NNTP server sends it: 128-column lines, the
/// critical bytes escaped, dots at line start left to dot-stuffing (as many posters do).
/// </summary>
internal sealed class BodyData
{
    private BodyData(byte[] body, byte[] wire, int lines, int dotLines)
    {
        Body = body;
        Wire = wire;
        Lines = lines;
        DotLines = dotLines;
    }

    /// <summary>The body as the client should deliver it (unstuffed, CRLF line endings).</summary>
    public byte[] Body { get; }

    /// <summary>The dot-stuffed block with its terminating ".\r\n", as sent after the 222 line.</summary>
    public byte[] Wire { get; }

    public int Lines { get; }

    /// <summary>Lines that start with '.' and so travel dot-stuffed.</summary>
    public int DotLines { get; }

    public static BodyData Create(int payloadBytes = 725_000, int seed = 8054)
    {
        var random = new Random(seed);
        var payload = new byte[payloadBytes];
        random.NextBytes(payload);
        var body = new MemoryStream(payloadBytes * 21 / 20);
        var begin = 11 * (long)payloadBytes + 1;
        WriteAscii(body, string.Create(CultureInfo.InvariantCulture,
            $"=ybegin part=12 total=50 line=128 size={50L * payloadBytes} name=Sample.Ubuntu.2022.Remastered-GRP1.part01.rar\r\n=ypart begin={begin} end={begin + payloadBytes - 1}\r\n"));
        var lines = 2;
        var column = 0;
        foreach (var b in payload)
        {
            var encoded = (byte)(b + 42);
            if (encoded is 0 or (byte)'\n' or (byte)'\r' or (byte)'=')
            {
                body.WriteByte((byte)'=');
                encoded = (byte)(encoded + 64);
                column++;
            }
            body.WriteByte(encoded);
            if (++column >= 128)
            {
                body.Write("\r\n"u8);
                lines++;
                column = 0;
            }
        }
        if (column > 0)
        {
            body.Write("\r\n"u8);
            lines++;
        }
        WriteAscii(body, string.Create(CultureInfo.InvariantCulture, $"=yend size={payloadBytes} part=12 pcrc32={random.Next():x8}\r\n"));
        lines++;
        var plain = body.ToArray();
        var (wire, dotLines) = DotStuff(plain);
        return new BodyData(plain, wire, lines, dotLines);
    }

    /// <summary>RFC 3977 3.1.1: a line starting with '.' gets one more; the block ends with ".\r\n".</summary>
    private static (byte[] Wire, int DotLines) DotStuff(byte[] plain)
    {
        var wire = new MemoryStream(plain.Length + 4096);
        var dotLines = 0;
        var atLineStart = true;
        foreach (var b in plain)
        {
            if (atLineStart && b == (byte)'.')
            {
                wire.WriteByte((byte)'.');
                dotLines++;
            }
            wire.WriteByte(b);
            atLineStart = b == (byte)'\n';
        }
        wire.Write(".\r\n"u8);
        return (wire.ToArray(), dotLines);
    }

    private static void WriteAscii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}
