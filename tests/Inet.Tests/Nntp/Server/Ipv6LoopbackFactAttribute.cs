using System.Net;
using System.Net.Sockets;

namespace Inet.Tests.Nntp.EmbeddedServer;

/// <summary>A fact that needs ::1: skipped, with the reason, where the OS or the container has no IPv6 loopback.</summary>
public sealed class Ipv6LoopbackFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public Ipv6LoopbackFactAttribute()
    {
        if (Missing.Value is { } reason)
            Skip = reason;
    }

    private static string? Probe()
    {
        if (!Socket.OSSupportsIPv6)
            return "the OS has no IPv6";
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return null;
        }
        catch (SocketException e)
        {
            return $"cannot bind to [::1] here ({e.SocketErrorCode}): IPv6 is off in this container";
        }
    }
}
