using System.Text;
using Inet.IntegrationTests.Infrastructure;
using Inet.Pop3;
using Inet.Smtp;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Pop3;

/// <summary>
/// Seeding and cleaning up for the POP3 tests. The Dovecot users are shared with other tests, so every
/// test delivers its own messages (each with a unique token in its Subject), finds them again by
/// TOP, and deletes only those.
/// </summary>
internal static class Pop3TestData
{
    public static DovecotServerSettings S => DovecotServerSettings.FromEnvironment()!;

    /// <summary>Plain port, STLS taken (auto), logged in as <paramref name="user"/>.</summary>
    public static Pop3ClientOptions Options(string? user = null, string? password = null, bool implicitTls = false) => new()
    {
        Connection = S.Connection(implicitTls ? S.Pop3sPort : S.Pop3Port, implicitTls),
        UserName = user ?? S.User,
        Password = password ?? (user is null || user == S.User ? S.Password : S.Password2),
    };

    /// <summary>A small message whose Subject carries the token and an index.</summary>
    public static byte[] Message(string token, int index, int bodyLines = 3)
    {
        var text = new StringBuilder($"From: a@example.test\r\nTo: b@example.test\r\nSubject: {token} #{index}\r\n\r\n");
        for (var i = 0; i < bodyLines; i++)
            text.Append("message ").Append(index).Append(" line ").Append(i).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Delivers the messages to <paramref name="user"/> through Dovecot's LMTP, in one session.</summary>
    public static async Task SeedAsync(string user, IEnumerable<byte[]> messages, CancellationToken cancellationToken)
    {
        var options = new SmtpClientOptions { Connection = S.Connection(S.LmtpPort), Mode = SmtpMode.Lmtp };
        await using var lmtp = await SmtpClient.ConnectAsync(options, cancellationToken);
        foreach (var message in messages)
        {
            var result = await lmtp.SendAsync(Envelope("seed@example.test", user + "@example.test"), SmtpMessage.FromStream(new MemoryStream(message)), cancellationToken);
            Assert.True(result.Delivered, result.FinalReply.ToString());
        }
    }

    /// <summary>The numbers (in this session) of the messages whose header holds <paramref name="token"/>, found with pipelined TOP n 0.</summary>
    public static async Task<IReadOnlyList<int>> FindAsync(Pop3Client client, string token, CancellationToken cancellationToken)
    {
        var all = (await client.ListAsync(cancellationToken)).Select(m => m.Number).ToArray();
        var found = new List<int>();
        await foreach (var head in client.RetrieveManyAsync(all, topLines: 0, cancellationToken))
        {
            if (head.Content is null)
                continue;
            var text = Encoding.UTF8.GetString(await head.Content.ToArrayAsync(cancellationToken));
            if (text.Contains(token, StringComparison.Ordinal))
                found.Add(head.Number);
        }
        return found;
    }

    /// <summary>Deletes this test's messages (and only them) in a session of its own, committed with QUIT.</summary>
    public static async Task CleanUpAsync(string user, string token)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await Pop3Client.ConnectAsync(Options(user), cts.Token);
        var mine = await FindAsync(client, token, cts.Token);
        if (mine.Count > 0)
            await client.DeleteManyAsync(mine, cts.Token);
        await client.QuitAsync(cts.Token);
    }
}
