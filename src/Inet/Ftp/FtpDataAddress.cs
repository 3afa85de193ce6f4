using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Inet.Ftp;

/// <summary>The address syntax of PASV/EPSV replies and PORT/EPRT commands (RFC 959 4.1.2, RFC 2428).</summary>
internal static partial class FtpDataAddress
{
    /// <summary>227 "Entering Passive Mode (h1,h2,h3,h4,p1,p2)"; RFC 1123 4.1.2.6: scan for the numbers, brackets optional.</summary>
    public static bool TryParsePasv(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var match = PasvNumbers().Match(text);
        if (!match.Success)
            return false;
        Span<int> n = stackalloc int[6];
        for (var i = 0; i < 6; i++)
        {
            if (!int.TryParse(match.Groups[i + 1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out n[i]) || n[i] > 255)
                return false;
        }
        var port = n[4] * 256 + n[5];
        if (port == 0)
            return false;
        endpoint = new IPEndPoint(new IPAddress([(byte)n[0], (byte)n[1], (byte)n[2], (byte)n[3]]), port);
        return true;
    }

    /// <summary>229 "Entering Extended Passive Mode (|||port|)": the delimiter is any printable character.</summary>
    public static bool TryParseEpsv(string text, out int port)
    {
        port = 0;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open + 5)
            return false;
        var inside = text.AsSpan(open + 1, close - open - 1);
        var d = inside[0];
        if (d is < '!' or > '~' || inside[1] != d || inside[2] != d || inside[^1] != d)
            return false;
        return int.TryParse(inside[3..^1], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
    }

    /// <summary>"EPRT |1|127.0.0.1|50000|" or "EPRT |2|::1|50000|".</summary>
    public static string Eprt(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1;
        var text = address.ToString();
        var scope = text.IndexOf('%', StringComparison.Ordinal);
        if (scope >= 0)
            text = text[..scope]; // a zone index means nothing to the server
        return string.Create(CultureInfo.InvariantCulture, $"EPRT |{family}|{text}|{endpoint.Port}|");
    }

    /// <summary>"PORT h1,h2,h3,h4,p1,p2" (IPv4 only).</summary>
    public static string Port(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new NotSupportedException("PORT carries IPv4 addresses only; use EPRT over IPv6.");
        var b = address.GetAddressBytes();
        return string.Create(CultureInfo.InvariantCulture, $"PORT {b[0]},{b[1]},{b[2]},{b[3]},{endpoint.Port >> 8},{endpoint.Port & 255}");
    }

    /// <summary>The size a 150 reply announces, "(1234 bytes)" as vsftpd, ProFTPD and IIS write it.</summary>
    public static long? AnnouncedSize(string text)
    {
        var match = AnnouncedBytes().Match(text);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    /// <summary>The name STOU chose, from "FILE: name" (RFC 1123 4.1.2.9) in its 150 or 226 reply.</summary>
    public static string? UniqueName(string text)
    {
        var at = text.IndexOf("FILE:", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return null;
        var name = text[(at + 5)..].Trim();
        return name.Length == 0 ? null : name;
    }

    [GeneratedRegex(@"(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex PasvNumbers();

    [GeneratedRegex(@"\((\d{1,19}) bytes?\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnnouncedBytes();
}
