// mailkit-smtp [--nodelay] HOST PORT FROM TO CONNECTIONS FILE.eml...
// Sends every FILE (MimeMessage.Load) to TO over CONNECTIONS MailKit SmtpClient instances, each taking the next
// file from a shared queue and keeping its connection open until the queue is empty. The SMTP benchmark's .NET
// peer: what a MailKit user writes for a bulk send. Prints one summary line; exit 0 when every message was sent.
// --nodelay: connect the socket here with TCP_NODELAY and hand it to SmtpClient.ConnectAsync(Socket, ...).
// SmtpClient.ConnectAsync(host, port) leaves Nagle on, and on loopback each message then waits for a delayed ACK.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

var noDelay = args.Length > 0 && args[0] == "--nodelay";
if (noDelay)
    args = args[1..];
if (args.Length < 6)
{
    Console.Error.WriteLine("usage: mailkit-smtp [--nodelay] HOST PORT FROM TO CONNECTIONS FILE.eml...");
    return 2;
}
var host = args[0];
var port = int.Parse(args[1], CultureInfo.InvariantCulture);
var sender = MailboxAddress.Parse(args[2]);
var recipient = MailboxAddress.Parse(args[3]);
var connections = int.Parse(args[4], CultureInfo.InvariantCulture);
var queue = new ConcurrentQueue<string>(args.Skip(5));
var total = queue.Count;
var sent = 0;
var failed = 0;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(RunConnectionAsync)));
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{sent} of {total} messages sent, {failed} failed, in {seconds:F2} s: {sent / seconds:F0} msg/s"));
return sent == total ? 0 : 1;

async Task RunConnectionAsync()
{
    using var client = new SmtpClient();
    await ConnectAsync(client);
    var recipients = new[] { recipient };
    while (queue.TryDequeue(out var path))
    {
        try
        {
            using var message = await MimeMessage.LoadAsync(path);
            await client.SendAsync(message, sender, recipients);
            Interlocked.Increment(ref sent);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
        {
            Interlocked.Increment(ref failed);
            Console.Error.WriteLine($"{path}: {e.Message}");
            if (!client.IsConnected)
                await ConnectAsync(client);
        }
    }
    await client.DisconnectAsync(true);
}

async Task ConnectAsync(SmtpClient client)
{
    if (noDelay)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port);
        await client.ConnectAsync(socket, host, port, SecureSocketOptions.None);
    }
    else
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
}
