using System.Text;
using Inet.Core;
using Inet.Imap;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Imap;

/// <summary>
/// ImapClient against Dovecot: STARTTLS and implicit TLS, LOGIN and AUTHENTICATE, folders with non-ASCII names,
/// APPEND then SEARCH and FETCH of the exact bytes, STORE, COPY/MOVE with COPYUID, EXPUNGE, STATUS, IDLE.
/// Each test works in a folder of its own, so tests run in any order beside each other.
/// </summary>
public sealed class ImapDovecotTests
{
    private static DovecotServerSettings S => DovecotServerSettings.FromEnvironment()!;

    private static ImapClientOptions Options(bool implicitTls = false, string? mechanism = null) => new()
    {
        Connection = S.Connection(implicitTls ? S.ImapsPort : S.ImapPort, implicitTls),
        UserName = S.User,
        Password = S.Password,
        AuthMechanism = mechanism,
    };

    private static string Folder() => "inet-" + Guid.NewGuid().ToString("N")[..10];

    private static byte[] Message(string token, string extra = "") => Encoding.UTF8.GetBytes(
        $"From: a@example.test\r\nTo: b@example.test\r\nSubject: {token} =?UTF-8?B?Y2Fmw6k=?=\r\nMessage-ID: <{token}@example.test>\r\n\r\n" +
        $".\r\n* 3 EXISTS\r\nA0001 OK looks like IMAP{extra}\r\nna\u00efve\r\n");

    [RequiresDovecotServerTheory]
    [InlineData(false, null)]
    [InlineData(false, "PLAIN")]
    [InlineData(false, "LOGIN-COMMAND")]
    [InlineData(true, null)]
    public async Task Login_OverTls_AppendSearchFetch_ExactBytes(bool implicitTls, string? mechanism)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var imap = await ImapClient.ConnectAsync(Options(implicitTls, mechanism), cts.Token);
        Assert.True(imap.IsSecure);
        Assert.True(imap.IsAuthenticated);
        var folder = Folder();
        await imap.CreateAsync(folder, cts.Token);
        var token = "tok" + Guid.NewGuid().ToString("N")[..12];
        var message = Message(token);

        var appended = await imap.AppendAsync(folder, new MemoryStream(message), message.Length, ["\\Flagged"], new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), cts.Token);
        var box = await imap.ExamineAsync(folder, cts.Token);
        var uids = await imap.SearchAsync(ImapSearchQuery.Subject(token), cancellationToken: cts.Token);
        var fetched = await imap.FetchAsync(ImapSequenceSet.Format(uids), "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[])", cancellationToken: cts.Token);

        Assert.NotNull(appended);
        Assert.Equal(box.UidValidity, appended!.UidValidity);
        Assert.Equal(appended.TargetUids, uids);
        var m = Assert.Single(fetched);
        Assert.Equal(message, m.Section("BODY[]")!.Value.AsBytes());
        Assert.Equal((ulong)message.Length, m.Size);
        Assert.Contains("\\Flagged", m.Flags!);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), m.InternalDate);
        Assert.Equal($"{token} caf\u00e9", m.Envelope!.Subject);
        Assert.Equal("a@example.test", m.Envelope.From[0].Address);
        Assert.Equal("TEXT", m.BodyStructure!.Type, ignoreCase: true);
        await imap.UnselectAsync(cts.Token);
        await imap.DeleteAsync(folder, cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task WrongPassword_IsAuthenticationFailed()
    {
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() => ImapClient.ConnectAsync(Options() with { Password = "wrong" }));
        Assert.Contains("failed", e.Text, StringComparison.OrdinalIgnoreCase);
    }

    [RequiresDovecotServerFact]
    public async Task Folders_NonAsciiNames_RoundTrip_StatusAndList()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);
        var folder = Folder() + "-Entw\u00fcrfe-\u53f0\u5317";
        var renamed = folder + "-2";

        await imap.CreateAsync(folder, cts.Token);
        await imap.RenameAsync(folder, renamed, cts.Token);
        await imap.SubscribeAsync(renamed, cts.Token);
        var listed = await imap.ListAsync("*", cancellationToken: cts.Token);
        var subscribed = await imap.LsubAsync("*", cancellationToken: cts.Token);
        var status = await imap.StatusAsync(renamed, cts.Token);

        Assert.Contains(listed, m => m.Name == renamed);
        Assert.DoesNotContain(listed, m => m.Name == folder);
        Assert.Contains(subscribed, m => m.Name == renamed);
        Assert.Contains(listed, m => m.RawName.Contains("&AOU-", StringComparison.Ordinal) || m.RawName.Contains("&APw-", StringComparison.Ordinal));
        Assert.Equal(0UL, status.Messages);
        Assert.NotNull(status.UidValidity);
        await imap.UnsubscribeAsync(renamed, cts.Token);
        await imap.DeleteAsync(renamed, cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task StoreCopyMoveExpunge_WithUidPlusAnswers()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);
        var (source, target) = (Folder(), Folder());
        await imap.CreateAsync(source, cts.Token);
        await imap.CreateAsync(target, cts.Token);
        for (var i = 0; i < 3; i++)
        {
            var m = Message("m" + i);
            await imap.AppendAsync(source, new MemoryStream(m), m.Length, cancellationToken: cts.Token);
        }
        await imap.SelectAsync(source, cts.Token);
        var all = await imap.SearchAsync(ImapSearchQuery.All, cancellationToken: cts.Token);
        Assert.Equal(3, all.Count);

        await imap.StoreFlagsAsync(ImapSequenceSet.Format([all[0]]), ImapStoreMode.Add, ["\\Seen", "$Label1"], cancellationToken: cts.Token);
        var seen = await imap.SearchAsync(ImapSearchQuery.Seen.And(ImapSearchQuery.Keyword("$Label1")), cancellationToken: cts.Token);
        var copied = await imap.CopyAsync(ImapSequenceSet.Format([all[1]]), target, cancellationToken: cts.Token);
        var moved = await imap.MoveAsync(ImapSequenceSet.Format([all[2]]), target, cancellationToken: cts.Token);
        await imap.StoreFlagsAsync(ImapSequenceSet.Format([all[0]]), ImapStoreMode.Add, ["\\Deleted"], cancellationToken: cts.Token);
        var expunged = await imap.ExpungeAsync(ImapSequenceSet.Format([all[0]]), cts.Token);

        Assert.Equal([all[0]], seen);
        Assert.Equal([all[1]], copied!.SourceUids);
        Assert.Equal([all[2]], moved!.SourceUids);
        Assert.Single(expunged);
        Assert.Equal(1UL, imap.Selected!.Exists); // three, one moved out, one expunged
        var targetStatus = await imap.StatusAsync(target, cts.Token);
        Assert.Equal(2UL, targetStatus.Messages);
        await imap.CloseAsync(cts.Token);
        await imap.DeleteAsync(source, cts.Token);
        await imap.DeleteAsync(target, cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task Idle_ReportsANewMessage_AndEndsInStep()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);
        await using var other = await ImapClient.ConnectAsync(Options(), cts.Token);
        var folder = Folder();
        await imap.CreateAsync(folder, cts.Token);
        await imap.SelectAsync(folder, cts.Token);
        using var stop = new CancellationTokenSource();
        var exists = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);

        var idle = imap.IdleAsync(r => { if (r.DataName == "EXISTS") { exists.TrySetResult(r.Number!.Value); stop.Cancel(); } }, stop.Token, cts.Token);
        await Task.Delay(200, cts.Token);
        var m = Message("idle");
        await other.AppendAsync(folder, new MemoryStream(m), m.Length, cancellationToken: cts.Token);
        await idle;

        Assert.Equal(1UL, await exists.Task);
        await imap.NoopAsync(cts.Token); // still in step
        await imap.CloseAsync(cts.Token);
        await imap.DeleteAsync(folder, cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task FetchMany_PipelinedBatches_AllBodiesStreamedToTheSink()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var imap = await ImapClient.ConnectAsync(Options(), cts.Token);
        var folder = Folder();
        await imap.CreateAsync(folder, cts.Token);
        for (var i = 0; i < 25; i++)
        {
            var m = Message("many" + i, new string('x', i * 100));
            await imap.AppendAsync(folder, new MemoryStream(m), m.Length, cancellationToken: cts.Token);
        }
        await imap.ExamineAsync(folder, cts.Token);
        var uids = await imap.SearchAsync(ImapSearchQuery.All, cancellationToken: cts.Token);
        var sink = new MemorySink();
        var got = new List<ImapFetchedMessage>();

        await imap.FetchManyAsync(uids, "(UID BODY.PEEK[])", got.Add, sink, batchSize: 4, window: 3, cts.Token);

        Assert.Equal(uids.Order(), got.Select(m => m.Uid!.Value).Order());
        for (var i = 0; i < 25; i++)
            Assert.Contains(sink.Bodies, b => b.SequenceEqual(Message("many" + i, new string('x', i * 100))));
        await imap.UnselectAsync(cts.Token);
        await imap.DeleteAsync(folder, cts.Token);
    }

    private sealed class MemorySink : IImapLiteralSink
    {
        public List<byte[]> Bodies { get; } = [];

        public bool WantsLiteral(ImapLiteralContext context, long length) => context.FetchItem == "BODY[]";

        public async ValueTask<object?> ReceiveAsync(ImapLiteralContext context, long length, Stream content, CancellationToken cancellationToken)
        {
            var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            Bodies.Add(copy.ToArray());
            return Bodies.Count - 1;
        }
    }
}
