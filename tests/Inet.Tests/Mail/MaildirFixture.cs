using System.Text;
using Inet.Mail;

namespace Inet.Tests.Mail;

/// <summary>A Maildir in a temporary folder, a list of server messages and a simple fetch loop over them.</summary>
internal sealed class MaildirFixture : IDisposable
{
    public const string ImapSource = "imaps://alice@mail.example/INBOX";
    public const string Pop3Source = "pop3s://alice@mail.example";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "inet-maildir-" + Guid.NewGuid().ToString("N"));

    public Maildir Open(bool flushToDisk = false) => Maildir.Open(Root, new MaildirOptions { FlushToDisk = flushToDisk });

    public static byte[] Message(string id) =>
        Encoding.ASCII.GetBytes($"Message-ID: <{id}@example>\r\nSubject: {id}\r\n\r\nbody of {id}\r\n.. kept as given\r\n");

    public static List<(MailKey Key, byte[] Bytes)> ImapMessages(int count, uint uidValidity = 7) =>
        Enumerable.Range(1, count).Select(i => (MailKey.Imap(ImapSource, uidValidity, (uint)i), Message($"imap-{uidValidity}-{i}"))).ToList();

    /// <summary>One fetch run: every message not yet fetched is delivered and recorded. Returns how many were delivered.</summary>
    public async Task<int> FetchAsync(IEnumerable<(MailKey Key, byte[] Bytes)> messages, MailFetchStateOptions? options = null)
    {
        var maildir = Open();
        using var state = MailFetchState.Open(maildir, options);
        var delivered = 0;
        foreach (var (key, bytes) in messages)
        {
            if (state.IsFetched(key))
                continue;
            await state.DeliverAsync(key, (s, ct) => s.WriteAsync(bytes, ct).AsTask());
            delivered++;
        }
        return delivered;
    }

    public string[] Files(string folder) => Directory.GetFiles(Path.Combine(Root, folder));

    /// <summary>The contents of every message in new/ and cur/.</summary>
    public List<byte[]> DeliveredMessages() =>
        Files("new").Concat(Files("cur")).Select(File.ReadAllBytes).ToList();

    /// <summary>Asserts every message is in new/ or cur/ exactly once and nothing else is.</summary>
    public void AssertEachExactlyOnce(IEnumerable<(MailKey Key, byte[] Bytes)> messages)
    {
        var expected = messages.Select(m => Encoding.ASCII.GetString(m.Bytes)).Order(StringComparer.Ordinal).ToList();
        var actual = DeliveredMessages().Select(b => Encoding.ASCII.GetString(b)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
