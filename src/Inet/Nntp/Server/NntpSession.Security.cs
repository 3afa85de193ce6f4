using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Inet.Nntp.Server;

/// <summary>AUTHINFO USER/PASS (RFC 4643), STARTTLS (RFC 4642) and COMPRESS DEFLATE (RFC 8054).</summary>
internal sealed partial class NntpSession
{
    private Task AuthInfoAsync(string[] args, string line)
    {
        if (args.Length < 2)
            return Reply(501, "Syntax: AUTHINFO USER name | AUTHINFO PASS password");
        string sub = args[1].ToUpperInvariant();
        if (sub is "SASL" or "GENERIC")
            return Reply(503, "AUTHINFO " + sub + " not supported");
        if (sub is not ("USER" or "PASS") || args.Length < 3)
            return Reply(501, "Syntax: AUTHINFO USER name | AUTHINFO PASS password");
        if (!_options.RequiresAuthentication || _authenticated)
            return Reply(502, "Authentication not available");
        if (_options.AuthenticationRequiresTls && !_tls)
            return Reply(483, "Encryption required: use STARTTLS first");
        // The value is the rest of the line: passwords may contain spaces.
        string value = RestOfLine(line, 2);
        if (sub == "USER")
        {
            _pendingUser = value;
            return Reply(381, "Password required");
        }
        if (_pendingUser is null)
            return Reply(482, "Authentication commands issued out of sequence");
        bool ok = FixedTimeEquals(_pendingUser, _options.UserName!) & FixedTimeEquals(value, _options.Password!);
        _pendingUser = null;
        if (!ok)
            return Reply(481, "Authentication failed");
        _authenticated = true;
        return Reply(281, "Authentication accepted");
    }

    private async Task StartTlsAsync(string[] args)
    {
        if (args.Length != 1)
        {
            await Reply(501, "Syntax: STARTTLS").ConfigureAwait(false);
            return;
        }
        // RFC 8054 2.2.2: no TLS on top of compression.
        if (!_options.EnableStartTls || _tls || _authenticated || _compressed is not null)
        {
            await Reply(502, "STARTTLS not available").ConfigureAwait(false);
            return;
        }
        _writer.WriteStatus(382, "Continue with TLS negotiation");
        await _writer.FlushAsync(Token).ConfigureAwait(false);
        // Anything the client pipelined after STARTTLS is dropped (RFC 4642 section 2.2.2).
        _stream = await HandshakeAsync(_stream).ConfigureAwait(false);
        _reader.Reset(_stream);
        _writer.Reset(_stream);
        _tls = true;
        _group = null;
        _current = 0;
        _pendingUser = null;
    }

    /// <summary>COMPRESS DEFLATE (RFC 8054): 206, then both directions are raw DEFLATE.</summary>
    private async Task CompressAsync(string[] args)
    {
        if (args.Length != 2)
        {
            await Reply(501, "Syntax: COMPRESS DEFLATE").ConfigureAwait(false);
            return;
        }
        if (!_options.EnableCompression || _compressed is not null)
        {
            await Reply(502, "Compression not available").ConfigureAwait(false);
            return;
        }
        if (!args[1].Equals("DEFLATE", StringComparison.OrdinalIgnoreCase))
        {
            await Reply(503, "Compression algorithm not supported").ConfigureAwait(false);
            return;
        }
        _writer.WriteStatus(206, "Compression active");
        await _writer.FlushAsync(Token).ConfigureAwait(false);
        _reader.StartInflating(_stream, MaxInflationRatio);
        _compressed = new DeflateStream(_stream, CompressionLevel.Fastest, leaveOpen: true);
        _writer.Reset(_compressed);
    }

    private static bool FixedTimeEquals(string given, string expected)
    {
        byte[] a = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        byte[] b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>The text after the first <paramref name="words"/> words of a command line.</summary>
    private static string RestOfLine(string line, int words)
    {
        int i = 0;
        for (int w = 0; w < words; w++)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
                i++;
            while (i < line.Length && line[i] is not (' ' or '\t'))
                i++;
        }
        while (i < line.Length && line[i] is ' ' or '\t')
            i++;
        return line[i..];
    }
}
