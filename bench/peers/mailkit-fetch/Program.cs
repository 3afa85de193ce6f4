// mailkit-fetch [--nodelay] imap|pop3 HOST PORT USER PASSWORD MAILDIR
// Fetches every message of INBOX into MAILDIR (made here: tmp/, new/, cur/), each written to tmp/ and renamed into
// new/. The mail fetch benchmark's .NET peer: what a MailKit user writes to download a mailbox.
//   imap: ImapClient, Inbox.Open(ReadOnly) (EXAMINE), UID SEARCH ALL, then ImapFolder.GetStreams(uids, callback):
//         one UID FETCH ... (BODY.PEEK[]) for all of them, each body handed to the callback as a stream.
//   pop3: Pop3Client, USER/PASS, then Pop3Client.GetStream(i) for i in 0..Count-1 (RETR i+1).
// Prints one summary line; exit 0 when every message was written.
// --nodelay: connect the socket here with TCP_NODELAY and hand it to Connect(Socket, ...). Connect(host, port)
// leaves Nagle on, and on loopback a command then can wait for a delayed ACK.
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Search;
using MailKit.Security;

var noDelay = args.Length > 0 && args[0] == "--nodelay";
if (noDelay)
    args = args[1..];
if (args.Length != 6 || args[0] is not ("imap" or "pop3"))
{
    Console.Error.WriteLine("usage: mailkit-fetch [--nodelay] imap|pop3 HOST PORT USER PASSWORD MAILDIR");
    return 2;
}
var (protocol, host, port, user, password, maildir) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], args[5]);
foreach (var sub in new[] { "tmp", "new", "cur" })
    Directory.CreateDirectory(Path.Combine(maildir, sub));
var hostName = Environment.MachineName;
var pid = Environment.ProcessId;
var seconds0 = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var written = 0;
long bytes = 0;
var total = 0;
var clock = Stopwatch.StartNew();

void Store(Stream body)
{
    var name = string.Create(CultureInfo.InvariantCulture, $"{seconds0}.P{pid}Q{written}.{hostName}");
    var tmp = Path.Combine(maildir, "tmp", name);
    using (var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
    {
        body.CopyTo(file, 81920);
        bytes += file.Length;
    }
    File.Move(tmp, Path.Combine(maildir, "new", name));
    written++;
}

Socket? Connect()
{
    if (!noDelay)
        return null;
    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    socket.Connect(host, port);
    return socket;
}

if (protocol == "imap")
{
    using var client = new ImapClient();
    if (Connect() is { } socket)
        client.Connect(socket, host, port, SecureSocketOptions.None);
    else
        client.Connect(host, port, SecureSocketOptions.None);
    client.Authenticate(user, password);
    client.Inbox.Open(FolderAccess.ReadOnly);
    var uids = client.Inbox.Search(SearchQuery.All);
    total = uids.Count;
    ((ImapFolder)client.Inbox).GetStreams(uids, (folder, index, uid, stream) => Store(stream));
    client.Disconnect(true);
}
else
{
    using var client = new Pop3Client();
    if (Connect() is { } socket)
        client.Connect(socket, host, port, SecureSocketOptions.None);
    else
        client.Connect(host, port, SecureSocketOptions.None);
    client.Authenticate(user, password);
    total = client.Count;
    for (var i = 0; i < total; i++)
    {
        using var stream = client.GetStream(i);
        Store(stream);
    }
    client.Disconnect(true);
}
var elapsed = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{written} of {total} messages ({bytes} bytes) into {maildir} in {elapsed:F2} s: {written / elapsed:F0} msg/s"));
return written == total ? 0 : 1;
