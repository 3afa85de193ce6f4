using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Inet.Nntp.Server;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class ServerPropertyTests
{
    private static readonly Gen<string> s_body = Gen.Elements("", ".", "..", ".x", "a", "=ybegin x", "hello world", ". ", "x.", "\t.")
        .ListOf().Select(parts => string.Concat(parts.Select(p => p + "\r\n")));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property StoredArticle_WireBodyUnstuffsToBody_AndLinesCounted()
        => Prop.ForAll(s_body.ToArbitrary(), body =>
        {
            var store = new InMemoryArticleStore("h");
            store.CreateGroupAsync("g.t").AsTask().GetAwaiter().GetResult();
            var article = store.AddArticleAsync("g.t", "s", body).AsTask().GetAwaiter().GetResult();
            string wire = Encoding.ASCII.GetString(article.WireBody.Span);
            bool noBareDotLine = !("\r\n" + wire).Contains("\r\n.\r\n", StringComparison.Ordinal);
            string unstuffed = Encoding.ASCII.GetString(DotStuffingUnstuff(article.WireBody.Span));
            int lines = body.Length == 0 ? 0 : body.Split("\r\n").Length - 1;
            return noBareDotLine && unstuffed == body && article.Lines == lines && article.Bytes == article.ToRawArticle().Length;
        });

    /// <summary>Commands from a fixed menu with random arguments: every reply must be a proper status line and the session must survive.</summary>
    [FsCheck.Xunit.Property(MaxTest = 25)]
    public Property RandomCommandSequences_AlwaysAnsweredWithStatusLines()
    {
        var command = Gen.Elements("ARTICLE", "HEAD", "BODY", "STAT", "GROUP", "LISTGROUP", "NEXT", "LAST", "OVER", "XOVER", "HDR", "XHDR",
                "LIST", "NEWGROUPS", "NEWNEWS", "DATE", "MODE", "CAPABILITIES", "HELP", "AUTHINFO", "XPAT", "STARTTLS", "BOGUS")
            .SelectMany(verb => Gen.Elements("", " 1", " 2-", " 0-0", " <a1@test>", " <zz@test>", " misc.test", " alt.empty", " READER",
                    " Subject 1-3", " 19990101 000000", " * 19990101 000000 GMT", " ACTIVE *", " USER x", " -1", " 99999999999999999", " \u00e9")
                .Select(arg => verb + arg));
        return Prop.ForAll(command.ListOf().ToArbitrary(), commands => RunAsync(commands).GetAwaiter().GetResult());
    }

    private static async Task<bool> RunAsync(IEnumerable<string> commands)
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        foreach (string line in commands)
        {
            string status = await client.CommandAsync(line);
            if (status.Length < 4 || !char.IsAsciiDigit(status[0]) || !char.IsAsciiDigit(status[1]) || !char.IsAsciiDigit(status[2]) || status[3] != ' ')
                return false;
            if (IsMultiLine(status[..3], line))
                await client.ReadBlockAsync();
        }
        return (await client.CommandAsync("DATE")).StartsWith("111 ", StringComparison.Ordinal);
    }

    /// <summary>RFC 3977's multi-line replies; 211 only for LISTGROUP (GROUP's 211 is one line).</summary>
    private static bool IsMultiLine(string code, string command)
        => code is "100" or "101" or "215" or "220" or "221" or "222" or "224" or "225" or "230" or "231"
            || code == "211" && command.StartsWith("LISTGROUP", StringComparison.Ordinal);

    private static byte[] DotStuffingUnstuff(ReadOnlySpan<byte> wire)
    {
        var output = new MemoryStream();
        foreach (string line in Encoding.ASCII.GetString(wire).Split("\r\n")[..^1])
            output.Write(Encoding.ASCII.GetBytes((line.StartsWith('.') ? line[1..] : line) + "\r\n"));
        return output.ToArray();
    }
}
