using Inet.Mail;

namespace Inet.Tests.Mail;

public class MailFetchStateTests
{
    [Fact]
    public async Task SecondRun_FetchesNothing()
    {
        using var f = new MaildirFixture();
        var messages = MaildirFixture.ImapMessages(20);

        Assert.Equal(20, await f.FetchAsync(messages));
        Assert.Equal(0, await f.FetchAsync(messages));

        f.AssertEachExactlyOnce(messages);
    }

    [Fact]
    public async Task State_SavedAsUidRanges_RoundTrips()
    {
        using var f = new MaildirFixture();
        var messages = MaildirFixture.ImapMessages(500).Append((MailKey.Imap(MaildirFixture.ImapSource, 7, 502), MaildirFixture.Message("502"))).ToList();
        await f.FetchAsync(messages);

        var text = await File.ReadAllTextAsync(Path.Combine(f.Root, ".inet-fetch-state"));
        Assert.Contains("\"uids\": \"1:500,502\"", text, StringComparison.Ordinal);
        Assert.Contains("\"uidValidity\": 7", text, StringComparison.Ordinal);

        // Files gone, state alone answers.
        foreach (var file in f.Files("new"))
            File.Delete(file);
        using var state = MailFetchState.Open(f.Open());
        Assert.True(state.IsFetched(MailKey.Imap(MaildirFixture.ImapSource, 7, 500)));
        Assert.True(state.IsFetched(MailKey.Imap(MaildirFixture.ImapSource, 7, 502)));
        Assert.False(state.IsFetched(MailKey.Imap(MaildirFixture.ImapSource, 7, 501)));
        Assert.False(state.IsFetched(MailKey.Imap("imaps://alice@mail.example/Sent", 7, 1)));
        Assert.Equal(7u, state.GetUidValidity(MaildirFixture.ImapSource));
    }

    [Fact]
    public async Task UidValidityChanged_OldUidsVoid_EverythingFetchedAgain()
    {
        using var f = new MaildirFixture();
        await f.FetchAsync(MaildirFixture.ImapMessages(5, uidValidity: 7));

        var renumbered = MaildirFixture.ImapMessages(5, uidValidity: 8);
        Assert.Equal(5, await f.FetchAsync(renumbered));
        Assert.Equal(0, await f.FetchAsync(renumbered));

        using var state = MailFetchState.Open(f.Open());
        Assert.Equal(8u, state.GetUidValidity(MaildirFixture.ImapSource));
        Assert.False(state.IsFetched(MailKey.Imap(MaildirFixture.ImapSource, 7, 1))); // its file is still there, but void
        Assert.Equal(8u, state.GetUidValidity(MaildirFixture.ImapSource));
        Assert.True(state.IsFetched(MailKey.Imap(MaildirFixture.ImapSource, 8, 1)));
    }

    [Fact]
    public async Task UidValidityChanged_KilledBeforeFirstSave_FilesUnderNewValidityStillCount()
    {
        using var f = new MaildirFixture();
        await f.FetchAsync(MaildirFixture.ImapMessages(3, uidValidity: 7));
        var renumbered = MaildirFixture.ImapMessages(3, uidValidity: 8);
        var state = MailFetchState.Open(f.Open(), new MailFetchStateOptions { SaveEvery = int.MaxValue, SaveInterval = TimeSpan.MaxValue });
        await state.DeliverAsync(renumbered[0].Key, (s, ct) => s.WriteAsync(renumbered[0].Bytes, ct).AsTask());
        state.AbandonAsIfKilled();

        Assert.Equal(2, await f.FetchAsync(renumbered));

        Assert.Equal(6, f.Files("new").Length);
        using var reopened = MailFetchState.Open(f.Open());
        Assert.Equal(8u, reopened.GetUidValidity(MaildirFixture.ImapSource));
    }

    [Fact]
    public async Task MovedToCurWithFlags_StillFetched_EvenBeforeAnySave()
    {
        using var f = new MaildirFixture();
        var messages = MaildirFixture.ImapMessages(3);
        // Never saved: only the file names tell.
        var maildir = f.Open();
        var state = MailFetchState.Open(maildir, new MailFetchStateOptions { SaveEvery = int.MaxValue, SaveInterval = TimeSpan.MaxValue });
        foreach (var (key, bytes) in messages)
            await state.DeliverAsync(key, (s, ct) => s.WriteAsync(bytes, ct).AsTask());
        state.AbandonAsIfKilled();
        Assert.False(File.Exists(state.StatePath));
        // A mail reader moves them to cur/ and marks them seen.
        foreach (var file in f.Files("new"))
            File.Move(file, Path.Combine(f.Root, "cur", Path.GetFileName(file) + ":2,S"));

        Assert.Equal(0, await f.FetchAsync(messages));

        f.AssertEachExactlyOnce(messages);
    }

    [Fact]
    public async Task UserDeletedFile_StaysFetchedThroughState()
    {
        using var f = new MaildirFixture();
        var messages = MaildirFixture.ImapMessages(3);
        await f.FetchAsync(messages);
        File.Delete(f.Files("new")[0]);

        Assert.Equal(0, await f.FetchAsync(messages));
        Assert.Equal(2, f.Files("new").Length);
    }

    [Fact]
    public async Task KeyFoundOnlyByFile_IsRecorded_SoDeletingTheFileLaterRefetchesNothing()
    {
        using var f = new MaildirFixture();
        var messages = MaildirFixture.ImapMessages(2);
        var state = MailFetchState.Open(f.Open(), new MailFetchStateOptions { SaveEvery = int.MaxValue, SaveInterval = TimeSpan.MaxValue });
        foreach (var (key, bytes) in messages)
            await state.DeliverAsync(key, (s, ct) => s.WriteAsync(bytes, ct).AsTask());
        state.AbandonAsIfKilled();

        Assert.Equal(0, await f.FetchAsync(messages)); // reconciled from the files, and saved
        foreach (var file in f.Files("new"))
            File.Delete(file);

        Assert.Equal(0, await f.FetchAsync(messages));
    }

    [Theory]
    [InlineData("abc/def")]
    [InlineData("..")]
    [InlineData("a.b:c,S=1")]
    [InlineData("ünïcödé✉")]
    [InlineData("sp ace")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789-and-more-than-70")]
    public async Task Pop3_OddUidls_SafeFileNames_RoundTrip(string uidl)
    {
        using var f = new MaildirFixture();
        var messages = new List<(MailKey, byte[])> { (MailKey.Pop3(MaildirFixture.Pop3Source, uidl), MaildirFixture.Message("pop")) };

        Assert.Equal(1, await f.FetchAsync(messages));
        var name = Path.GetFileName(Assert.Single(f.Files("new")));
        Assert.Matches(@"^\d+\.M\d+P\d+Q\d+R[0-9a-f]+_inet-[0-9a-f]{12}-p[0-9a-f]{16}\.", name);
        Assert.Equal(0, await f.FetchAsync(messages));
        File.Delete(Path.Combine(f.Root, "new", name));
        Assert.Equal(0, await f.FetchAsync(messages));
        Assert.Contains("uidls", await File.ReadAllTextAsync(Path.Combine(f.Root, ".inet-fetch-state")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pop3AndImapSources_DoNotMix()
    {
        using var f = new MaildirFixture();
        await f.FetchAsync([(MailKey.Pop3(MaildirFixture.Pop3Source, "1"), MaildirFixture.Message("a"))]);
        using var state = MailFetchState.Open(f.Open());
        Assert.True(state.IsFetched(MailKey.Pop3(MaildirFixture.Pop3Source, "1")));
        Assert.False(state.IsFetched(MailKey.Pop3("pop3s://bob@mail.example", "1")));
        Assert.False(state.IsFetched(MailKey.Imap(MaildirFixture.Pop3Source, 1, 1)));
    }

    [Theory]
    [InlineData("{\"version\":1,\"imap\":[{\"source\":\"x\",\"uidValidity\":7,\"uids\":\"1:5")]
    [InlineData("not json")]
    [InlineData("{\"version\":2,\"imap\":[],\"pop3\":[]}")]
    [InlineData("{\"version\":1,\"imap\":[{\"source\":\"x\",\"uidValidity\":7,\"uids\":\"9:1\"}],\"pop3\":[]}")]
    [InlineData("{\"version\":1}")]
    [InlineData("")]
    public async Task CorruptStateFile_ClearError_NothingRefetched(string text)
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        var path = Path.Combine(maildir.Path, ".inet-fetch-state");
        await File.WriteAllTextAsync(path, text);

        var e = Assert.Throws<MailFetchStateCorruptException>(() => MailFetchState.Open(maildir));

        Assert.Equal(path, e.StatePath);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Move it aside", e.Message, StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(path)); // untouched
        File.Move(path, path + ".damaged");
        using var again = MailFetchState.Open(maildir); // moved aside: a fresh start, and the failed open let go of its lock
    }

    [Fact]
    public void MissingStateFile_IsEmptyState()
    {
        using var f = new MaildirFixture();
        using var state = MailFetchState.Open(f.Open());
        Assert.False(state.IsFetched(MailKey.Imap(MaildirFixture.ImapSource, 1, 1)));
        Assert.Null(state.GetUidValidity(MaildirFixture.ImapSource));
    }

    [Fact]
    public void SecondOpen_WhileFirstHoldsIt_Refused()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        using var first = MailFetchState.Open(maildir);
        var e = Assert.Throws<IOException>(() => MailFetchState.Open(maildir));
        Assert.Contains("Another fetch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saves_AreBatched()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        using var state = MailFetchState.Open(maildir, new MailFetchStateOptions { SaveEvery = 10, SaveInterval = TimeSpan.MaxValue });
        var messages = MaildirFixture.ImapMessages(25);
        for (var i = 0; i < messages.Count; i++)
        {
            var (key, bytes) = messages[i];
            await state.DeliverAsync(key, (s, ct) => s.WriteAsync(bytes, ct).AsTask());
            Assert.Equal((i + 1) % 10, state.PendingCount);
            Assert.Equal(i >= 9, File.Exists(state.StatePath));
        }
        state.Save();
        Assert.Equal(0, state.PendingCount);
        Assert.Empty(Directory.GetFiles(f.Root, ".inet-fetch-state.*.tmp"));
    }

    [Fact]
    public void ImapKey_ZeroUidOrValidity_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MailKey.Imap("s", 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MailKey.Imap("s", 1, 0));
        Assert.Throws<ArgumentException>(() => MailKey.Pop3("s", ""));
    }
}
