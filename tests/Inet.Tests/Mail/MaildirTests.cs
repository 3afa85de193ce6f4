using System.Collections.Concurrent;
using Inet.Mail;

namespace Inet.Tests.Mail;

public class MaildirTests
{
    [Fact]
    public void Open_CreatesCurNewTmp_PrivateOnUnix()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        foreach (var folder in new[] { "", "cur", "new", "tmp" })
        {
            var path = Path.Combine(maildir.Path, folder);
            Assert.True(Directory.Exists(path));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deliver_WritesExactlyTheBytes_InNew_TmpLeftEmpty(bool flushToDisk)
    {
        using var f = new MaildirFixture();
        var maildir = f.Open(flushToDisk);
        var bytes = MaildirFixture.Message("exact");

        var path = await maildir.DeliverAsync((s, ct) => s.WriteAsync(bytes, ct).AsTask());

        Assert.Equal(Path.Combine(maildir.Path, "new"), Path.GetDirectoryName(path));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Empty(f.Files("tmp"));
        Assert.Empty(f.Files("cur"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Deliver_WriterThrows_NothingDeliveredAndTmpClean()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();

        await Assert.ThrowsAsync<IOException>(() => maildir.DeliverAsync(async (s, ct) =>
        {
            await s.WriteAsync(MaildirFixture.Message("half"), ct);
            throw new IOException("connection lost");
        }));

        Assert.Empty(f.Files("tmp"));
        Assert.Empty(f.Files("new"));
    }

    [Fact]
    public async Task Begin_DisposedWithoutCommit_DeletesTmpFile()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        await using (var delivery = maildir.Begin())
        {
            await delivery.Stream.WriteAsync(MaildirFixture.Message("abandoned"));
            Assert.Single(f.Files("tmp"));
        }
        Assert.Empty(f.Files("tmp"));
        Assert.Empty(f.Files("new"));
    }

    [Fact]
    public async Task Deliver_1000From8Tasks_AllNamesUniqueAndEveryMessageThere()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        var paths = new ConcurrentBag<string>();

        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var bytes = MaildirFixture.Message("parallel-" + i);
            paths.Add(await maildir.DeliverAsync((s, c) => s.WriteAsync(bytes, c).AsTask(), cancellationToken: ct));
        });

        Assert.Equal(1000, paths.Distinct().Count());
        Assert.Equal(1000, f.Files("new").Length);
        Assert.Empty(f.Files("tmp"));
    }

    [Fact]
    public void UniqueName_HasTimeUniqueHost_HostEscapedAndKeyTokenReadable()
    {
        var key = MailKey.Imap(MaildirFixture.ImapSource, 7, 42);
        var name = MaildirName.Create(key);

        var parts = name.Split('.', 3);
        Assert.True(long.TryParse(parts[0], out _));
        Assert.Matches(@"^M\d+P\d+Q\d+R[0-9a-f]+_inet-[0-9a-f]{12}-i7-42$", parts[1]);
        Assert.Equal(key.FileToken, MaildirName.KeyToken(name));
        Assert.Equal(key.FileToken, MaildirName.KeyToken(name + ":2,S"));
        Assert.Null(MaildirName.KeyToken(MaildirName.Create(null)));
        Assert.Equal(@"a\057b\072c.example", MaildirName.EscapeHost("a/b:c.example"));
    }

    [Fact]
    public async Task CleanTmp_RemovesOnlyOldFiles()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        var old = Path.Combine(maildir.Path, "tmp", "1.killed.host");
        var fresh = Path.Combine(maildir.Path, "tmp", "2.writing.host");
        await File.WriteAllTextAsync(old, "x");
        await File.WriteAllTextAsync(fresh, "y");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow - Maildir.StaleTmpAge - TimeSpan.FromMinutes(1));

        Assert.Equal(1, maildir.CleanTmp(Maildir.StaleTmpAge));

        Assert.Equal([fresh], f.Files("tmp"));
    }

    [Fact]
    public async Task Commit_NameTakenInNew_NeverOverwrites()
    {
        using var f = new MaildirFixture();
        var maildir = f.Open();
        await using var delivery = maildir.Begin();
        await delivery.Stream.WriteAsync(MaildirFixture.Message("second"));
        var squatter = Path.Combine(maildir.Path, "new", delivery.UniqueName);
        await File.WriteAllTextAsync(squatter, "first");

        var path = await delivery.CommitAsync();

        Assert.NotEqual(squatter, path);
        Assert.Equal("first", await File.ReadAllTextAsync(squatter));
        Assert.Equal(MaildirFixture.Message("second"), await File.ReadAllBytesAsync(path));
        Assert.Empty(f.Files("tmp"));
    }
}
