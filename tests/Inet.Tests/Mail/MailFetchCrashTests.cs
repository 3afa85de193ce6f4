using Inet.Mail;

namespace Inet.Tests.Mail;

/// <summary>
/// A fetch killed after each step of deliver-and-record: the next run (fresh objects, as after a restart) must end
/// with every message in the Maildir exactly once. A "kill" closes handles without any cleanup a real kill would skip.
/// </summary>
public class MailFetchCrashTests
{
    public enum CrashPoint
    {
        BeforeBegin,
        TmpCreated,
        TmpHalfWritten,
        TmpComplete,
        RenamedIntoNew,
        RenamedButTmpLinkLeft,
        MarkedInMemory,
        StateSaveHalfWritten,
        StateSaved,
    }

    private static readonly MailFetchStateOptions NeverAutoSave = new() { SaveEvery = int.MaxValue, SaveInterval = TimeSpan.MaxValue };

    /// <summary>Every crash point, for IMAP and for POP3.</summary>
    public static TheoryData<CrashPoint, bool> Points()
    {
        var data = new TheoryData<CrashPoint, bool>();
        foreach (var point in Enum.GetValues<CrashPoint>())
        {
            data.Add(point, false);
            data.Add(point, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task KilledAtAnyStep_NextRun_EveryMessageExactlyOnce(CrashPoint point, bool pop3)
    {
        using var f = new MaildirFixture();
        var messages = pop3
            ? Enumerable.Range(1, 6).Select(i => (Key: MailKey.Pop3(MaildirFixture.Pop3Source, "uidl/" + i), Bytes: MaildirFixture.Message("pop-" + i))).ToList()
            : MaildirFixture.ImapMessages(6);
        const int victim = 3; // messages 0 and 1 saved, 2 delivered but unsaved, 3 crashes, 4 and 5 never started

        var maildir = f.Open();
        var state = MailFetchState.Open(maildir, NeverAutoSave);
        for (var i = 0; i < victim; i++)
        {
            var (key, bytes) = messages[i];
            await state.DeliverAsync(key, (s, ct) => s.WriteAsync(bytes, ct).AsTask());
            if (i == 1)
                state.Save();
        }
        await RunUntilCrashAsync(f, maildir, state, messages[victim].Key, messages[victim].Bytes, point);
        state.AbandonAsIfKilled();

        var delivered = await f.FetchAsync(messages);
        f.Open().CleanTmp(TimeSpan.Zero);

        f.AssertEachExactlyOnce(messages);
        var victimSurvived = point >= CrashPoint.RenamedIntoNew;
        Assert.Equal(victimSurvived ? 2 : 3, delivered);
        Assert.Empty(f.Files("tmp"));
        Assert.Empty(Directory.GetFiles(f.Root, ".inet-fetch-state.*.tmp"));
        // And a third run, after the user deletes everything, fetches nothing: the state knows them all.
        foreach (var file in f.Files("new"))
            File.Delete(file);
        Assert.Equal(0, await f.FetchAsync(messages));
    }

    private static async Task RunUntilCrashAsync(MaildirFixture f, Maildir maildir, MailFetchState state, MailKey key, byte[] bytes, CrashPoint point)
    {
        if (point == CrashPoint.BeforeBegin)
            return;
        var delivery = maildir.Begin(key);
        if (point == CrashPoint.TmpCreated)
        {
            delivery.AbandonAsIfKilled();
            return;
        }
        await delivery.Stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        if (point == CrashPoint.TmpHalfWritten)
        {
            delivery.AbandonAsIfKilled();
            return;
        }
        await delivery.Stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        if (point == CrashPoint.TmpComplete)
        {
            delivery.AbandonAsIfKilled();
            return;
        }
        var path = await delivery.CommitAsync();
        if (point == CrashPoint.RenamedIntoNew)
            return;
        if (point == CrashPoint.RenamedButTmpLinkLeft)
        {
            // File.Move without overwrite is link() then unlink(): killed between the two, both names exist.
            File.Copy(path, Path.Combine(f.Root, "tmp", Path.GetFileName(path)));
            return;
        }
        state.MarkFetched(key);
        if (point == CrashPoint.MarkedInMemory)
            return;
        if (point == CrashPoint.StateSaveHalfWritten)
        {
            await File.WriteAllTextAsync(Path.Combine(f.Root, ".inet-fetch-state.0badf00d.tmp"), "{\"version\":1,\"imap\":[{\"sou");
            return;
        }
        state.Save();
    }
}
