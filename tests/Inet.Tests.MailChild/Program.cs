using System.Globalization;
using System.Text;
using Inet.Mail;

// Usage: Inet.Tests.MailChild <maildir> <count>
// Fetches IMAP UIDs 1..count of a made-up mailbox into <maildir>, skipping what is fetched already, as
// `inet mail fetch` will. Each message is written in pieces with pauses, so a kill can land anywhere.
var root = args[0];
var count = uint.Parse(args[1], CultureInfo.InvariantCulture);
// No fsync: a killed process loses nothing the kernel already has; that is what the test shows.
var maildir = Maildir.Open(root, new MaildirOptions { FlushToDisk = false });
using var state = MailFetchState.Open(maildir, new MailFetchStateOptions { SaveEvery = 7, SaveInterval = TimeSpan.FromMilliseconds(50) });
for (var uid = 1u; uid <= count; uid++)
{
    var key = MailKey.Imap("imap://kill@test/INBOX", 42, uid);
    if (state.IsFetched(key))
        continue;
    var bytes = Encoding.ASCII.GetBytes(Message(uid));
    await state.DeliverAsync(key, async (stream, ct) =>
    {
        for (var offset = 0; offset < bytes.Length; offset += 1000)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(1000, bytes.Length - offset)), ct);
            await stream.FlushAsync(ct);
            Thread.SpinWait(2000);
        }
    });
    Console.Out.WriteLine(uid.ToString(CultureInfo.InvariantCulture));
}
return 0;

// The same text MailFetchKillTests expects.
static string Message(uint uid) =>
    $"Message-ID: <{uid}@kill.test>\r\nSubject: {uid}\r\n\r\n" + string.Concat(Enumerable.Repeat($"line of message {uid}\r\n", 200));
