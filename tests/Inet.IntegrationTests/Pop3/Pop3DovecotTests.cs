using System.Text;
using Inet.Core;
using Inet.Pop3;
using Inet.IntegrationTests.Infrastructure;
using static Inet.IntegrationTests.Pop3.Pop3TestData;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Pop3;

/// <summary>Pop3Client against Dovecot: STLS and POP3S, each login, exact bytes of RETR, pipelining, DELE semantics.</summary>
public sealed class Pop3DovecotTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(90));

    [RequiresDovecotServerTheory]
    [InlineData(null)]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    [InlineData("CRAM-MD5")]
    [InlineData("USER")]
    public async Task PlainPort_UpgradesWithStls_AndLogsIn(string? mechanism)
    {
        using var cts = Timeout();
        await using var client = await Pop3Client.ConnectAsync(Options() with { AuthMechanism = mechanism }, cts.Token);

        Assert.True(client.IsSecure);
        Assert.True(client.IsAuthenticated);
        Assert.True(client.Capabilities.Pipelining && client.Capabilities.Uidl && client.Capabilities.Top);
        var (count, size) = await client.StatAsync(cts.Token);
        Assert.True(count >= 0 && size >= 0);
        await client.QuitAsync(cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task Pop3s_ImplicitTls_LogsIn()
    {
        using var cts = Timeout();
        await using var client = await Pop3Client.ConnectAsync(Options(implicitTls: true), cts.Token);

        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.Stls);
        await client.NoopAsync(cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task StlsNever_WithoutPermission_SendsNoCredentials()
    {
        using var cts = Timeout();
        var options = Options() with { StartTls = StartTlsPolicy.Never };

        await Assert.ThrowsAsync<TlsUnavailableException>(() => Pop3Client.ConnectAsync(options, cts.Token));
    }

    [RequiresDovecotServerTheory]
    [InlineData(null)]
    [InlineData("USER")]
    public async Task WrongPassword_IsAuthenticationFailed_WithTheAuthCode(string? mechanism)
    {
        using var cts = Timeout();
        var options = Options(S.User, "wrong-" + Token()) with { AuthMechanism = mechanism };

        var e = await Assert.ThrowsAsync<Pop3AuthenticationException>(() => Pop3Client.ConnectAsync(options, cts.Token));

        Assert.Equal("AUTH", e.ResponseCode);
        Assert.False(e.IsTransient);
    }

    [RequiresDovecotServerFact]
    public async Task Retr_GivesTheDeliveredBytes_AndTheListedSize()
    {
        using var cts = Timeout();
        var token = Token();
        var message = TrickyMessage(token);
        await SeedAsync(S.User, [message], cts.Token);
        try
        {
            await using var client = await Pop3Client.ConnectAsync(Options(), cts.Token);
            var number = Assert.Single(await FindAsync(client, token, cts.Token));

            await using var stream = await client.RetrieveAsync(number, cts.Token);
            var bytes = await stream.ToArrayAsync(cts.Token);

            // Dovecot adds Return-Path, Delivered-To and Received above the message; the rest is what LMTP delivered.
            Assert.True(bytes.AsSpan().EndsWith(Normalized(message)), "RETR does not end with the message as delivered");
            Assert.StartsWith("Return-Path:", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.Equal(bytes.Length, await client.ListAsync(number, cts.Token));
            Assert.Equal(bytes.Length, stream.ExpectedSize);
            var uid = await client.UidlAsync(number, cts.Token);
            Assert.Contains((number, uid), await client.UidlAsync(cts.Token));

            using var head = new MemoryStream();
            await (await client.TopAsync(number, 1, cts.Token)).CopyToAsync(head, cts.Token);
            var top = Encoding.UTF8.GetString(head.ToArray());
            Assert.Contains("Subject: " + token, top, StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\n.\r\n", top, StringComparison.Ordinal); // header, blank line, the first body line (a lone dot)
        }
        finally
        {
            await CleanUpAsync(S.User, token);
        }
    }

    [RequiresDovecotServerFact]
    public async Task RetrieveMany_Pipelined_GivesEveryMessageInOrder()
    {
        using var cts = Timeout();
        var token = Token();
        const int Count = 40;
        var messages = Enumerable.Range(0, Count).Select(i => Message(token, i, bodyLines: 50 + i * 37)).ToArray();
        await SeedAsync(S.User2, messages, cts.Token);
        try
        {
            await using var client = await Pop3Client.ConnectAsync(Options(S.User2), cts.Token);
            var mine = await FindAsync(client, token, cts.Token);
            Assert.Equal(Count, mine.Count);
            var infos = (await client.ListWithUidsAsync(cts.Token)).ToDictionary(i => i.Number);

            var seen = new List<int>();
            await foreach (var item in client.RetrieveManyAsync(mine, cancellationToken: cts.Token))
            {
                Assert.True(item.Succeeded, item.Response.ToString());
                var bytes = await item.Content!.ToArrayAsync(cts.Token);
                Assert.Equal(infos[item.Number].Size, bytes.Length);
                Assert.NotNull(infos[item.Number].Uid);
                var text = Encoding.UTF8.GetString(bytes);
                var index = int.Parse(text[(text.IndexOf(token + " #", StringComparison.Ordinal) + token.Length + 2)..].Split('\r')[0], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(bytes.AsSpan().EndsWith(messages[index]));
                seen.Add(index);
            }
            Assert.Equal(Enumerable.Range(0, Count), seen.Order());
        }
        finally
        {
            await CleanUpAsync(S.User2, token);
        }
    }

    [RequiresDovecotServerFact]
    public async Task Dele_IsCommittedOnlyByQuit()
    {
        using var cts = Timeout();
        var token = Token();
        await SeedAsync(S.User, [Message(token, 1), Message(token, 2)], cts.Token);
        try
        {
            await using (var client = await Pop3Client.ConnectAsync(Options(), cts.Token))
            {
                var mine = await FindAsync(client, token, cts.Token);
                Assert.Equal(2, mine.Count);
                await client.DeleteAsync(mine[0], cts.Token);
                await Assert.ThrowsAsync<Pop3CommandException>(() => client.RetrieveAsync(mine[0], cts.Token)); // marked: gone for this session
            } // disposed without QUIT: nothing deleted

            await using (var client = await Pop3Client.ConnectAsync(Options(), cts.Token))
            {
                var mine = await FindAsync(client, token, cts.Token);
                Assert.Equal(2, mine.Count);
                await client.DeleteAsync(mine[0], cts.Token);
                await client.ResetAsync(cts.Token);
                await client.DeleteAsync(mine[1], cts.Token);
                await client.QuitAsync(cts.Token);
            }

            await using (var client = await Pop3Client.ConnectAsync(Options(), cts.Token))
                Assert.Single(await FindAsync(client, token, cts.Token));
        }
        finally
        {
            await CleanUpAsync(S.User, token);
        }
    }
}
