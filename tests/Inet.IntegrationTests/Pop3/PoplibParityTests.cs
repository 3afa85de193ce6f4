using Inet.Core;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Inet.IntegrationTests.Infrastructure;
using Inet.Pop3;
using static Inet.IntegrationTests.Pop3.Pop3TestData;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Pop3;

/// <summary>
/// Python poplib parity, one test per call: the same operation through poplib (Debian's python3,
/// Pop3/Poplib/poplib_op.py) and through Pop3Client, against the same Dovecot mailbox, must give the
/// same result. The mailboxes are shared with other tests: messages are seeded per test and picked by
/// UIDL id, and whole-mailbox answers (STAT, LIST, UIDL) are compared again if a delivery came between.
/// </summary>
public sealed class PoplibParityTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(90));

    /// <summary>Runs one poplib call and returns its JSON result.</summary>
    private static async Task<JsonElement> PoplibAsync(string mode, string op, params string[] args) =>
        await PoplibAsUserAsync(S.User, S.Password, mode, op, args);

    private static async Task<JsonElement> PoplibAsUserAsync(string user, string password, string mode, string op, params string[] args)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Pop3", "Poplib", "poplib_op.py");
        var port = mode == "ssl" ? S.Pop3sPort : S.Pop3Port;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, S.Host, port.ToString(CultureInfo.InvariantCulture), user, password, S.CaFile, mode, op }.Concat(args))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"poplib {op} failed: {await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static Dictionary<string, string[]> Capa(JsonElement capa) =>
        capa.EnumerateObject().ToDictionary(p => p.Name, p => Strings(p.Value));

    private static Dictionary<string, string[]> Capa(Pop3Capabilities capabilities) =>
        capabilities.Names.ToDictionary(p => p.Key, p => p.Value.ToArray());

    private static Task<Pop3Client> ConnectAsync(CancellationToken cancellationToken, string? user = null) =>
        Pop3Client.ConnectAsync(Options(user) with { AuthMechanism = "USER" }, cancellationToken);

    /// <summary>Compares a whole-mailbox answer; another test's delivery or QUIT in between makes it try again (a few times).</summary>
    private static async Task SameMailboxAnswerAsync<T>(Func<Pop3Client, Task<T>> ours, Func<Task<T>> theirs, CancellationToken cancellationToken)
    {
        (T Ours, T Theirs) last = default;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var client = await ConnectAsync(cancellationToken);
            last = (await ours(client), await theirs());
            if (JsonSerializer.Serialize(last.Ours) == JsonSerializer.Serialize(last.Theirs))
                return;
            await Task.Delay(200, cancellationToken);
        }
        Assert.Equal(JsonSerializer.Serialize(last.Theirs), JsonSerializer.Serialize(last.Ours));
    }

    private static async Task<(string Token, string Uid)> SeedOneAsync(byte[] message, string token, CancellationToken cancellationToken)
    {
        await SeedAsync(S.User, [message], cancellationToken);
        await using var client = await ConnectAsync(cancellationToken);
        var number = Assert.Single(await FindAsync(client, token, cancellationToken));
        return (token, await client.UidlAsync(number, cancellationToken));
    }

    private static async Task<int> NumberOfAsync(Pop3Client client, string uid, CancellationToken cancellationToken) =>
        (await client.UidlAsync(cancellationToken)).Single(u => u.Uid == uid).Number;

    [RequiresDovecotServerFact]
    public async Task GetWelcome()
    {
        using var cts = Timeout();
        await using var client = await Pop3Client.ConnectAsync(Options() with { UserName = null }, cts.Token);

        Assert.Equal((await PoplibAsync("plain", "welcome")).GetString(), client.Greeting.ToString());
    }

    [RequiresDovecotServerFact]
    public async Task User_Pass()
    {
        using var cts = Timeout();
        var theirs = Strings(await PoplibAsync("stls", "login"));
        await using var client = await ConnectAsync(cts.Token);

        Assert.All(theirs, r => Assert.StartsWith("+OK", r, StringComparison.Ordinal));
        Assert.True(client.IsAuthenticated);

        var refused = await PoplibAsUserAsync(S.User, "wrong", "stls", "login");
        var e = await Assert.ThrowsAsync<Pop3AuthenticationException>(() =>
            Pop3Client.ConnectAsync(Options(S.User, "wrong") with { AuthMechanism = "USER" }, cts.Token));
        Assert.Equal(refused.GetProperty("text").GetString(), e.Response.ToString());
    }

    /// <summary>The test Dovecot has no APOP (it needs auth_mechanisms = apop): both sides must see that it is not offered.</summary>
    [RequiresDovecotServerFact]
    public async Task Apop_NotOfferedByThisDovecot()
    {
        using var cts = Timeout();
        var theirs = await PoplibAsync("stls", "apop");
        await using var client = await Pop3Client.ConnectAsync(Options() with { UserName = null }, cts.Token);

        Assert.Equal("-ERR APOP not supported by server", theirs.GetProperty("text").GetString());
        Assert.Null(client.ApopTimestamp);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Pop3Client.ConnectAsync(Options() with { AuthMechanism = "APOP" }, cts.Token));
    }

    [RequiresDovecotServerFact]
    public async Task Stat() =>
        await SameMailboxAnswerAsync(async c => { var (n, s) = await c.StatAsync(); return new[] { n, s }; },
            async () => (await PoplibAsync("stls", "stat")).EnumerateArray().Select(e => e.GetInt64()).ToArray(), CancellationToken.None);

    [RequiresDovecotServerFact]
    public async Task List() =>
        await SameMailboxAnswerAsync(async c => (await c.ListAsync()).Select(m => $"{m.Number} {m.Size}").ToArray(),
            async () => Strings(await PoplibAsync("stls", "list")), CancellationToken.None);

    [RequiresDovecotServerFact]
    public async Task Uidl() =>
        await SameMailboxAnswerAsync(async c => (await c.UidlAsync()).Select(m => $"{m.Number} {m.Uid}").ToArray(),
            async () => Strings(await PoplibAsync("stls", "uidl")), CancellationToken.None);

    [RequiresDovecotServerFact]
    public async Task List1_And_Uidl1()
    {
        using var cts = Timeout();
        var token = Token();
        var (_, uid) = await SeedOneAsync(Message(token, 1), token, cts.Token);
        try
        {
            var list1 = (await PoplibAsync("stls", "list1-uid", uid)).GetString()!;
            var uidl1 = (await PoplibAsync("stls", "uidl1-uid", uid)).GetString()!;
            await using var client = await ConnectAsync(cts.Token);
            var number = await NumberOfAsync(client, uid, cts.Token);

            Assert.Equal(list1.Split(' ')[2], (await client.ListAsync(number, cts.Token)).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(uidl1.Split(' ')[2], await client.UidlAsync(number, cts.Token));
        }
        finally
        {
            await CleanUpAsync(S.User, token);
        }
    }

    [RequiresDovecotServerTheory]
    [InlineData("retr-uid", null)]
    [InlineData("top-uid", 0)]
    [InlineData("top-uid", 2)]
    public async Task Retr_And_Top_SameBytes(string op, int? lines)
    {
        using var cts = Timeout();
        var token = Token();
        var (_, uid) = await SeedOneAsync(TrickyMessage(token), token, cts.Token);
        try
        {
            var theirs = lines is { } n ? await PoplibAsync("stls", op, uid, n.ToString(CultureInfo.InvariantCulture)) : await PoplibAsync("stls", op, uid);
            await using var client = await ConnectAsync(cts.Token);
            var number = await NumberOfAsync(client, uid, cts.Token);

            await using var stream = lines is { } k ? await client.TopAsync(number, k, cts.Token) : await client.RetrieveAsync(number, cts.Token);
            var ours = await stream.ToArrayAsync(cts.Token);

            Assert.Equal(theirs.GetProperty("hex").GetString(), Convert.ToHexStringLower(ours));
            if (lines is null)
                Assert.Equal(theirs.GetProperty("resp").GetString(), $"+OK {stream.ExpectedSize} octets");
        }
        finally
        {
            await CleanUpAsync(S.User, token);
        }
    }

    [RequiresDovecotServerFact]
    public async Task Dele_And_Quit()
    {
        using var cts = Timeout();
        var token = Token();
        await SeedAsync(S.User, [Message(token, 1), Message(token, 2)], cts.Token);
        try
        {
            await using var finder = await ConnectAsync(cts.Token);
            var uids = new List<string>();
            foreach (var n in await FindAsync(finder, token, cts.Token))
                uids.Add(await finder.UidlAsync(n, cts.Token));
            await finder.QuitAsync(cts.Token);
            Assert.Equal(2, uids.Count);

            var theirs = (await PoplibAsync("stls", "dele-uid", uids[0])).GetString(); // poplib quits: committed
            await using var client = await ConnectAsync(cts.Token);
            var ours = await client.DeleteAsync(await NumberOfAsync(client, uids[1], cts.Token), cts.Token);
            var quit = await client.QuitAsync(cts.Token);

            Assert.Equal(theirs, ours.ToString());
            Assert.Equal("+OK Logging out, messages deleted.", quit?.ToString());
            await using var check = await ConnectAsync(cts.Token);
            Assert.Empty(await FindAsync(check, token, cts.Token));
        }
        finally
        {
            await CleanUpAsync(S.User, token);
        }
    }

    [RequiresDovecotServerFact]
    public async Task Noop_Rset_Quit()
    {
        using var cts = Timeout();
        var noop = (await PoplibAsync("stls", "noop")).GetString();
        var rset = (await PoplibAsync("stls", "rset")).GetString();
        var quit = (await PoplibAsync("stls", "quit")).GetString();
        await using var client = await ConnectAsync(cts.Token);

        Assert.Equal(noop, (await client.NoopAsync(cts.Token)).ToString());
        Assert.Equal(rset, (await client.ResetAsync(cts.Token)).ToString());
        Assert.Equal(quit, (await client.QuitAsync(cts.Token))?.ToString());
    }

    [RequiresDovecotServerFact]
    public async Task Capa_BeforeAndAfterLogin()
    {
        using var cts = Timeout();
        var before = Capa(await PoplibAsync("plain", "capa-before"));
        var after = Capa(await PoplibAsync("stls", "capa"));
        await using var plain = await Pop3Client.ConnectAsync(Options() with { UserName = null, StartTls = StartTlsPolicy.Never }, cts.Token);
        await using var client = await ConnectAsync(cts.Token);

        Assert.Equal(before, Capa(plain.Capabilities));
        Assert.Equal(after, Capa(client.Capabilities));
    }

    [RequiresDovecotServerFact]
    public async Task Stls()
    {
        using var cts = Timeout();
        var theirs = await PoplibAsync("plain", "stls");
        await using var client = await Pop3Client.ConnectAsync(Options() with { UserName = null }, cts.Token);

        Assert.StartsWith("+OK", theirs.GetProperty("resp").GetString(), StringComparison.Ordinal);
        Assert.True(client.IsSecure);
        Assert.Equal(Capa(theirs.GetProperty("capa")), Capa(client.Capabilities));
    }
}
