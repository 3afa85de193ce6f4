using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Inet.Imap;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Imap;

/// <summary>
/// Python imaplib parity, one test per call: the same operation through imaplib (Debian's python3,
/// Imap/Imaplib/imaplib_op.py, STARTTLS with the CA file) and through ImapClient, on the same Dovecot
/// account, must give the same result: the same UIDs, bytes, flags and mailbox lists. Each test makes
/// its own folders and deletes them, so the tests run in any order.
/// </summary>
public sealed class ImaplibParityTests
{
    private static DovecotServerSettings S => DovecotServerSettings.Require();

    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(60));

    private static Task<ImapClient> ConnectAsync(CancellationToken cancellationToken) => ImapClient.ConnectAsync(new ImapClientOptions
    {
        Connection = S.Connection(S.ImapPort),
        UserName = S.User,
        Password = S.Password,
    }, cancellationToken);

    /// <summary>Runs one imaplib call and returns its JSON result; an imaplib error fails the test.</summary>
    private static async Task<JsonElement> ImaplibAsync(string op, params string[] args)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Imap", "Imaplib", "imaplib_op.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, op }.Concat(args))
            start.ArgumentList.Add(a);
        foreach (var (name, value) in new[]
                 {
                     ("HOST", S.Host), ("IMAP_PORT", S.ImapPort.ToString(CultureInfo.InvariantCulture)), ("USER", S.User), ("PASS", S.Password), ("CA", S.CaFile),
                 })
            start.Environment["INET_TEST_DOVECOT_" + name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"imaplib {op} failed: {await error}");
        var result = JsonDocument.Parse(await output).RootElement.Clone();
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var e))
            Assert.Fail($"imaplib {op} {string.Join(' ', args)}: {e.GetString()} {result.GetProperty("text").GetString()}");
        return result;
    }

    private static string Folder() => "inet-imaplib-" + Guid.NewGuid().ToString("N")[..10];

    private static byte[] Message(string token, int n = 0) => Encoding.UTF8.GetBytes(
        $"From: a@example.test\r\nTo: b@example.test\r\nSubject: {token} {n} caf\u00e9\r\nMessage-ID: <{token}.{n}@example.test>\r\n" +
        $"Content-Type: text/plain; charset=utf-8\r\n\r\nBody {n} of {token}.\r\n.\r\n* 1 EXPUNGE\r\nna\u00efve\r\n");

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static ulong[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetUInt64())];

    private static string[] Sorted(IEnumerable<string>? items) => [.. (items ?? []).Order(StringComparer.Ordinal)];

    /// <summary>Stored flags only: \Recent belongs to the session that saw the message first (RFC 3501 2.3.2), not to the message.</summary>
    private static string[] Stored(IEnumerable<string>? flags) => Sorted((flags ?? []).Where(f => !f.Equals("\\Recent", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Appends the messages with ImapClient; their UIDs in order.</summary>
    private static async Task<ulong[]> AppendAsync(ImapClient client, string folder, IEnumerable<(byte[] Bytes, string[] Flags)> messages, CancellationToken cancellationToken)
    {
        var uids = new List<ulong>();
        foreach (var (bytes, flags) in messages)
            uids.AddRange((await client.AppendAsync(folder, new MemoryStream(bytes), bytes.Length, flags, cancellationToken: cancellationToken))!.TargetUids);
        return [.. uids];
    }

    /// <summary>Creates the folders, runs <paramref name="body"/>, then deletes them (whatever happened).</summary>
    private static async Task InFoldersAsync(int count, Func<ImapClient, string[], CancellationToken, Task> body)
    {
        using var cts = Timeout();
        await using var client = await ConnectAsync(cts.Token);
        var folders = Enumerable.Range(0, count).Select(_ => Folder()).ToArray();
        foreach (var folder in folders)
            await client.CreateAsync(folder, cts.Token);
        try
        {
            await body(client, folders, cts.Token);
        }
        finally
        {
            if (client.IsConnected)
            {
                if (client.Selected is not null)
                    await client.UnselectAsync(cts.Token);
                foreach (var left in await client.ListAsync("inet-imaplib-*", cancellationToken: cts.Token))
                {
                    if (folders.Any(f => left.Name.StartsWith(f, StringComparison.Ordinal)))
                        await client.DeleteAsync(left.Name, cts.Token);
                }
            }
        }
    }

    private static async Task<string[]> OurListAsync(ImapClient client, string pattern, CancellationToken cancellationToken) =>
        [.. (await client.ListAsync(pattern, cancellationToken: cancellationToken))
            .Select(m => $"{m.RawName}|{m.Delimiter}|{string.Join(' ', Sorted(m.Attributes))}").Order(StringComparer.Ordinal)];

    private static async Task<string[]> TheirListAsync(string pattern) =>
        [.. (await ImaplibAsync("list", pattern)).EnumerateArray()
            .Select(r => $"{r.GetProperty("name").GetString()}|{r.GetProperty("delimiter").GetString()}|{string.Join(' ', Strings(r.GetProperty("flags")))}")
            .Order(StringComparer.Ordinal)];

    [RequiresDovecotServerFact]
    public async Task Login_SameCapabilitiesAfterwards()
    {
        using var cts = Timeout();
        await using var client = await ConnectAsync(cts.Token);

        var theirs = Strings(await ImaplibAsync("capability"));
        var login = await ImaplibAsync("login");

        Assert.True(client.IsAuthenticated);
        Assert.True(client.IsSecure);
        Assert.Equal("AUTH", login.GetProperty("state").GetString());
        Assert.Equal(theirs, Sorted(client.Capabilities.Names));
        Assert.Equal(theirs, Sorted((await client.CapabilityAsync(cts.Token)).Names));
    }

    [RequiresDovecotServerFact]
    public Task List_SameMailboxes() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        await client.CreateAsync(folder + ".sub", ct);
        await client.CreateAsync(folder + ".sub.deeper", ct);
        await client.CreateAsync(folder + ".Entw\u00fcrfe \u53f0\u5317", ct);

        var theirs = await TheirListAsync(folder + "*");
        var ours = await OurListAsync(client, folder + "*", ct);

        Assert.Equal(4, theirs.Length);
        Assert.Equal(theirs, ours);
        Assert.Equal(await TheirListAsync(folder + ".%"), await OurListAsync(client, folder + ".%", ct));
    });

    [RequiresDovecotServerFact]
    public Task Select_And_Examine_SameMailboxState() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        var token = Guid.NewGuid().ToString("N");
        await AppendAsync(client, folder, [(Message(token, 1), ["\\Seen"]), (Message(token, 2), []), (Message(token, 3), ["\\Flagged"])], ct);

        foreach (var readOnly in new[] { false, true })
        {
            var theirs = await ImaplibAsync(readOnly ? "examine" : "select", folder);
            var box = readOnly ? await client.ExamineAsync(folder, ct) : await client.SelectAsync(folder, ct);

            Assert.Equal(theirs.GetProperty("exists").GetUInt64(), box.Exists);
            Assert.Equal(3UL, box.Exists);
            Assert.Equal(theirs.GetProperty("uidvalidity").GetUInt64(), box.UidValidity);
            Assert.Equal(theirs.GetProperty("uidnext").GetUInt64(), box.UidNext);
            Assert.Equal(Strings(theirs.GetProperty("flags")), Sorted(box.Flags));
            Assert.Equal(Strings(theirs.GetProperty("permanentflags")), Sorted(box.PermanentFlags));
            Assert.Equal(theirs.GetProperty("readonly").GetBoolean(), box.ReadOnly);
            Assert.Equal(readOnly, box.ReadOnly);
        }
    });

    [RequiresDovecotServerFact]
    public Task Search_SameUids() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        var token = "tok" + Guid.NewGuid().ToString("N")[..12];
        var uids = await AppendAsync(client, folder, [(Message(token, 1), ["\\Seen"]), (Message(token, 2), []), (Message("other", 3), ["\\Flagged"]), (Message(token, 4), [])], ct);
        await client.ExamineAsync(folder, ct);

        foreach (var criteria in new[] { "ALL", "UNSEEN", "FLAGGED", $"SUBJECT {token}", $"OR SEEN SUBJECT other", $"UID {uids[1]}:{uids[3]} NOT FLAGGED" })
        {
            var theirs = Numbers(await ImaplibAsync("search", [folder, .. criteria.Split(' ')]));
            Assert.Equal(theirs, await client.SearchAsync(criteria, cancellationToken: ct));
            Assert.NotEmpty(theirs);
        }
        var typed = await client.SearchAsync(ImapSearchQuery.Subject(token).And(ImapSearchQuery.Unseen), cancellationToken: ct);
        Assert.Equal(Numbers(await ImaplibAsync("search", folder, "SUBJECT", token, "UNSEEN")), typed);
        Assert.Equal([uids[1], uids[3]], typed);

        var nonAscii = await client.SearchAsync(ImapSearchQuery.Subject($"{token} 2 caf\u00e9"), cancellationToken: ct);
        Assert.Equal(Numbers(await ImaplibAsync("search", folder, "CHARSET", "UTF-8", "SUBJECT", $"{token} 2 caf\u00e9")), nonAscii);
        Assert.Equal([uids[1]], nonAscii);
    });

    [RequiresDovecotServerTheory]
    [InlineData("RFC822")]
    [InlineData("BODY.PEEK[]")]
    [InlineData("BODY.PEEK[HEADER]")]
    public Task Fetch_SameBytesFlagsAndDates(string section) => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        var token = Guid.NewGuid().ToString("N");
        var uids = await AppendAsync(client, folder, [(Message(token, 1), ["\\Seen", "$Label1"]), (Message(token, 2), []), (Message(token, 3), ["\\Answered"])], ct);
        await client.ExamineAsync(folder, ct);
        var items = $"(UID FLAGS INTERNALDATE {section})";
        var name = section.Replace(".PEEK", "", StringComparison.Ordinal);

        var theirs = (await ImaplibAsync("fetch", folder, "1:*", items)).EnumerateArray().ToArray();
        var ours = await client.FetchAsync("1:*", items, cancellationToken: ct);

        Assert.Equal(3, theirs.Length);
        Assert.Equal(uids, theirs.Select(t => t.GetProperty("uid").GetUInt64()));
        Assert.Equal(uids, ours.Select(m => m.Uid!.Value));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Strings(theirs[i].GetProperty("flags")), Sorted(ours[i].Flags));
            Assert.Equal(theirs[i].GetProperty(name).GetString(), Convert.ToHexStringLower(ours[i].Section(name)!.Value.AsBytes()!));
            Assert.Equal(DateTimeOffset.ParseExact(theirs[i].GetProperty("internaldate").GetString()!, "d-MMM-yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture), ours[i].InternalDate);
        }
        if (section != "BODY.PEEK[HEADER]")
            Assert.Equal(Message(token, 2), ours[1].Section(name)!.Value.AsBytes());
    });

    [RequiresDovecotServerFact]
    public Task Store_SameFlags() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        var token = Guid.NewGuid().ToString("N");
        var uids = await AppendAsync(client, folder, [(Message(token, 1), ["\\Seen"]), (Message(token, 1), ["\\Seen"])], ct);
        await client.SelectAsync(folder, ct);
        var (theirUid, ourUid) = (uids[0].ToString(CultureInfo.InvariantCulture), uids[1].ToString(CultureInfo.InvariantCulture));

        foreach (var (command, mode, flags) in new (string, ImapStoreMode, string[])[]
                 {
                     ("+FLAGS", ImapStoreMode.Add, ["\\Flagged", "$Label1"]),
                     ("-FLAGS", ImapStoreMode.Remove, ["\\Seen"]),
                     ("FLAGS", ImapStoreMode.Replace, ["\\Answered", "\\Draft", "$Work"]),
                 })
        {
            var theirs = await ImaplibAsync("store", folder, theirUid, command, "(" + string.Join(' ', flags) + ")");
            await client.StoreFlagsAsync(ourUid, mode, flags, cancellationToken: ct);
            var ours = Assert.Single(await client.FetchAsync(ourUid, "(UID FLAGS)", cancellationToken: ct));

            var theirFlags = Strings(Assert.Single(theirs.GetProperty("after").EnumerateArray()).GetProperty("flags"));
            Assert.Equal(Stored(theirFlags), Stored(ours.Flags));
            Assert.Equal(Stored(Strings(theirs.GetProperty("answered")[0].GetProperty("flags"))), Stored(theirFlags));
            // And each side reads the other's message the same way.
            var both = await client.FetchAsync($"{theirUid},{ourUid}", "(UID FLAGS)", cancellationToken: ct);
            Assert.Equal(Stored(both[0].Flags), Stored(both[1].Flags));
        }
    });

    [RequiresDovecotServerFact]
    public Task Copy_SameCopyUidAndBytes() => InFoldersAsync(2, async (client, f, ct) =>
    {
        var (source, target) = (f[0], f[1]);
        var token = Guid.NewGuid().ToString("N");
        var uids = await AppendAsync(client, source, [(Message(token, 1), ["\\Flagged"]), (Message(token, 1), ["\\Flagged"])], ct);
        await client.SelectAsync(source, ct);

        var theirs = await ImaplibAsync("copy", source, uids[0].ToString(CultureInfo.InvariantCulture), target);
        var ours = await client.CopyAsync(uids[1].ToString(CultureInfo.InvariantCulture), target, cancellationToken: ct);

        Assert.NotNull(ours);
        Assert.Equal(theirs.GetProperty("uidvalidity").GetUInt64(), ours!.UidValidity);
        Assert.Equal(uids[0].ToString(CultureInfo.InvariantCulture), theirs.GetProperty("source").GetString());
        Assert.Equal([uids[1]], ours.SourceUids);
        var theirTarget = ulong.Parse(theirs.GetProperty("target").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal([theirTarget + 1], ours.TargetUids);

        await client.ExamineAsync(target, ct);
        var copies = await client.FetchAsync("1:*", "(UID FLAGS BODY.PEEK[])", cancellationToken: ct);
        Assert.Equal([theirTarget, theirTarget + 1], copies.Select(m => m.Uid!.Value));
        Assert.All(copies, m => Assert.Equal(Message(token, 1), m.Section("BODY[]")!.Value.AsBytes()));
        Assert.Equal(Sorted(copies[0].Flags), Sorted(copies[1].Flags));
    });

    [RequiresDovecotServerFact]
    public Task Expunge_SameSequenceNumbers() => InFoldersAsync(2, async (client, f, ct) =>
    {
        var token = Guid.NewGuid().ToString("N");
        foreach (var folder in f)
        {
            await AppendAsync(client, folder, [.. Enumerable.Range(1, 5).Select(i => (Message(token, i), i % 2 == 0 ? new[] { "\\Deleted" } : Array.Empty<string>()))], ct);
        }

        var theirs = Numbers(await ImaplibAsync("expunge", f[0]));
        await client.SelectAsync(f[1], ct);
        var ours = await client.ExpungeAsync(cancellationToken: ct);

        Assert.Equal(2, theirs.Length);
        Assert.Equal(theirs, ours);
        Assert.Equal(3UL, client.Selected!.Exists);
        await client.UnselectAsync(ct);
        Assert.Equal((await client.StatusAsync(f[0], ct)).Messages, (await client.StatusAsync(f[1], ct)).Messages);
    });

    [RequiresDovecotServerFact]
    public Task Append_SameUidBytesFlagsAndDate() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        var message = Message(Guid.NewGuid().ToString("N"), 7);
        var date = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

        var theirs = await ImaplibAsync("append", folder, "(\\Seen \\Flagged)", date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), Convert.ToHexStringLower(message));
        var ours = await client.AppendAsync(folder, new MemoryStream(message), message.Length, ["\\Seen", "\\Flagged"], date, ct);

        Assert.Equal(theirs.GetProperty("uidvalidity").GetUInt64(), ours!.UidValidity);
        Assert.Equal([theirs.GetProperty("uid").GetUInt64() + 1], ours.TargetUids);
        await client.ExamineAsync(folder, ct);
        var both = await client.FetchAsync("1:*", "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])", cancellationToken: ct);
        Assert.Equal(2, both.Count);
        Assert.Equal(both[0].Section("BODY[]")!.Value.AsBytes(), both[1].Section("BODY[]")!.Value.AsBytes());
        Assert.Equal(message, both[1].Section("BODY[]")!.Value.AsBytes());
        Assert.Equal(Sorted(both[0].Flags), Sorted(both[1].Flags));
        Assert.Equal(both[0].InternalDate, both[1].InternalDate);
        Assert.Equal(date, both[1].InternalDate);
        Assert.Equal(both[0].Size, both[1].Size);
    });

    [RequiresDovecotServerFact]
    public Task Status_SameCounters() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var folder = f[0];
        var token = Guid.NewGuid().ToString("N");
        await AppendAsync(client, folder, [(Message(token, 1), ["\\Seen"]), (Message(token, 2), []), (Message(token, 3), [])], ct);

        var theirs = await ImaplibAsync("status", folder);
        var ours = await client.StatusAsync(folder, ct);

        Assert.Equal(theirs.GetProperty("MESSAGES").GetUInt64(), ours.Messages);
        Assert.Equal(3UL, ours.Messages);
        Assert.Equal(theirs.GetProperty("UIDNEXT").GetUInt64(), ours.UidNext);
        Assert.Equal(theirs.GetProperty("UIDVALIDITY").GetUInt64(), ours.UidValidity);
        Assert.Equal(theirs.GetProperty("UNSEEN").GetUInt64(), ours.Unseen);
        Assert.Equal(2UL, ours.Unseen);
        Assert.Equal(theirs.GetProperty("RECENT").GetUInt64(), ours.Recent);
    });

    [RequiresDovecotServerFact]
    public Task Create_Rename_Delete_EachSeesTheOthersChanges() => InFoldersAsync(1, async (client, f, ct) =>
    {
        var root = f[0];
        var pattern = root + "*";
        var pyName = root + ".py-Entw\u00fcrfe";
        var csName = root + ".cs-\u53f0\u5317";
        async Task Same() => Assert.Equal(await TheirListAsync(pattern), await OurListAsync(client, pattern, ct));

        await ImaplibAsync("create", ImapMailboxName.Encode(pyName));
        Assert.Contains(await client.ListAsync(pattern, cancellationToken: ct), m => m.Name == pyName);
        await client.CreateAsync(csName, ct);
        await Same();

        await ImaplibAsync("rename", ImapMailboxName.Encode(csName), ImapMailboxName.Encode(csName + "-2"));
        await client.RenameAsync(pyName, pyName + "-2", ct);
        await Same();
        Assert.Equal([root, csName + "-2", pyName + "-2"], (await client.ListAsync(pattern, cancellationToken: ct)).Select(m => m.Name).Order(StringComparer.Ordinal));

        await ImaplibAsync("delete", ImapMailboxName.Encode(pyName + "-2"));
        await client.DeleteAsync(csName + "-2", ct);
        await Same();
        Assert.Equal([root], (await client.ListAsync(pattern, cancellationToken: ct)).Select(m => m.Name));
    });

    [RequiresDovecotServerFact]
    public async Task Logout_EndsTheSession()
    {
        using var cts = Timeout();
        var client = await ConnectAsync(cts.Token);

        var theirs = await ImaplibAsync("logout");
        await client.LogoutAsync(cts.Token);

        Assert.Equal("BYE", theirs.GetProperty("type").GetString());
        Assert.Equal("LOGOUT", theirs.GetProperty("state").GetString());
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(cts.Token));
        await client.DisposeAsync();
    }
}
