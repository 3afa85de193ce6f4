using System.Text;
using Inet.Imap;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Imap;

/// <summary>ID, NAMESPACE, ENABLE, CONDSTORE and QRESYNC against Dovecot, in a folder of its own.</summary>
public sealed class ImapExtensionsDovecotTests
{
    private static DovecotServerSettings S => DovecotServerSettings.FromEnvironment()!;

    private static ImapClientOptions Options() => new()
    {
        Connection = S.Connection(S.ImapPort),
        UserName = S.User,
        Password = S.Password,
    };

    [RequiresDovecotServerFact]
    public async Task Id_Namespace_Enable()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);

        var server = await imap.IdAsync(new Dictionary<string, string> { ["name"] = "inet", ["version"] = "test" }, cts.Token);
        var (personal, _, _) = await imap.NamespaceAsync(cts.Token);
        var enabled = await imap.EnableAsync(["CONDSTORE"], cts.Token);

        Assert.Equal("Dovecot", server["name"], ignoreCase: true);
        Assert.Equal(".", Assert.Single(personal).Delimiter);
        Assert.Equal(["CONDSTORE"], enabled);
    }

    [RequiresDovecotServerFact]
    public async Task CondStore_ModSeqGrows_AndQResyncReportsVanished()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var folder = "inet-qr-" + Guid.NewGuid().ToString("N")[..10];
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);
        await imap.CreateAsync(folder, cts.Token);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var m = Encoding.ASCII.GetBytes($"Subject: qr {i}\r\n\r\nx\r\n");
                await imap.AppendAsync(folder, new MemoryStream(m), m.Length, cancellationToken: cts.Token);
            }
            var box = await imap.SelectAsync(folder, condStore: true, cancellationToken: cts.Token);
            var before = box.HighestModSeq;
            var uids = await imap.SearchAsync(ImapSearchQuery.All, cancellationToken: cts.Token);
            await imap.StoreFlagsAsync(ImapSequenceSet.Format([uids[0]]), ImapStoreMode.Add, ["\\Flagged"], cancellationToken: cts.Token);
            var flagged = await imap.FetchAsync(ImapSequenceSet.Format([uids[0]]), "(UID MODSEQ)", cancellationToken: cts.Token);
            await imap.StoreFlagsAsync(ImapSequenceSet.Format([uids[1]]), ImapStoreMode.Add, ["\\Deleted"], cancellationToken: cts.Token);
            await imap.ExpungeAsync(ImapSequenceSet.Format([uids[1]]), cts.Token);
            await imap.CloseAsync(cts.Token);

            Assert.NotNull(before);
            Assert.True(Assert.Single(flagged).ModSeq > before);

            await imap.EnableAsync(["QRESYNC"], cts.Token);
            var resynced = await imap.SelectAsync(folder, condStore: false, new ImapResync(box.UidValidity, before!.Value), cts.Token);
            Assert.Contains(uids[1], resynced.Vanished);
            await imap.CloseAsync(cts.Token);
        }
        finally
        {
            await imap.DeleteAsync(folder, cts.Token);
        }
    }

    [RequiresDovecotServerFact]
    public async Task FetchStream_YieldsEachMessage_AndLeavingEarlyKeepsTheSessionInStep()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var folder = "inet-fs-" + Guid.NewGuid().ToString("N")[..10];
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);
        await imap.CreateAsync(folder, cts.Token);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var m = Encoding.ASCII.GetBytes($"Subject: stream {i}\r\n\r\nx\r\n");
                await imap.AppendAsync(folder, new MemoryStream(m), m.Length, cancellationToken: cts.Token);
            }
            await imap.ExamineAsync(folder, cts.Token);

            var subjects = new List<string?>();
            await foreach (var m in imap.FetchStreamAsync("1:*", "(UID ENVELOPE)", cancellationToken: cts.Token))
                subjects.Add(m.Envelope?.Subject);
            await foreach (var m in imap.FetchStreamAsync("1:*", "(UID FLAGS)", cancellationToken: cts.Token))
                break; // the rest of the answer is read before the next command

            Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"stream {i}")], subjects);
            await imap.NoopAsync(cts.Token);
            await imap.UnselectAsync(cts.Token);
        }
        finally
        {
            await imap.DeleteAsync(folder, cts.Token);
        }
    }
}
