using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// `nntp-fake-server`: a minimal loopback NNTP server answering CAPABILITIES, BODY (always the same
/// body) and QUIT, run in its own process so its allocations stay out of the client's figures.
/// Prints "port N" and serves until its standard input closes.
/// </summary>
internal static class FakeNntpServer
{
    public static async Task<int> RunAsync()
    {
        var data = BodyData.Create();
        using var stop = new CancellationTokenSource();
        using var listener = Listen(out var port);
        Console.WriteLine($"port {port}");
        Console.Out.Flush();
        var serving = AcceptLoopAsync(listener, data.Wire, stop.Token);
        await Console.In.ReadToEndAsync(CancellationToken.None);
        await stop.CancelAsync();
        await serving;
        return 0;
    }

    /// <summary>A listening socket on 127.0.0.1 with a free port.</summary>
    public static Socket Listen(out int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        return listener;
    }

    /// <summary>Serves every connection with <paramref name="body"/> (already dot-stuffed) until cancelled.</summary>
    public static async Task AcceptLoopAsync(Socket listener, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(cancellationToken);
                _ = ServeAsync(socket, body, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task ServeAsync(Socket socket, byte[] body, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var input = new byte[16 * 1024];
        var filled = 0;
        try
        {
            await SendAsync(stream, "200 Inet benchmark server ready, posting prohibited\r\n", cancellationToken);
            while (true)
            {
                var read = await stream.ReadAsync(input.AsMemory(filled), cancellationToken);
                if (read == 0)
                    return;
                filled += read;
                int lf;
                while ((lf = Array.IndexOf(input, (byte)'\n', 0, filled)) >= 0)
                {
                    var command = Encoding.ASCII.GetString(input, 0, lf).TrimEnd('\r');
                    Array.Copy(input, lf + 1, input, 0, filled - lf - 1);
                    filled -= lf + 1;
                    if (!await AnswerAsync(stream, command, body, cancellationToken))
                        return;
                }
                if (filled == input.Length)
                    return; // a line this long is not a command
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }
    }

    private static async Task<bool> AnswerAsync(NetworkStream stream, string command, byte[] body, CancellationToken cancellationToken)
    {
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? command : command[..space]).ToUpperInvariant();
        switch (verb)
        {
            case "CAPABILITIES":
                await SendAsync(stream, "101 Capability list:\r\nVERSION 2\r\nREADER\r\n.\r\n", cancellationToken);
                return true;
            case "BODY":
                var id = space < 0 ? "<current@bench>" : command[(space + 1)..];
                await SendAsync(stream, $"222 0 {id} body follows\r\n", cancellationToken);
                await stream.WriteAsync(body, cancellationToken);
                return true;
            case "QUIT":
                await SendAsync(stream, "205 bye\r\n", cancellationToken);
                return false;
            default:
                await SendAsync(stream, "500 unknown command\r\n", cancellationToken);
                return true;
        }
    }

    private static async Task SendAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
}
