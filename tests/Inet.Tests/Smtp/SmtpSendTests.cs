using System.Text;
using Inet.Core;
using Inet.Smtp;
using Inet.Tests.Fakes;
using Xunit;
using static Inet.Tests.Smtp.SmtpTestHelpers;

namespace Inet.Tests.Smtp;

public sealed class SmtpSendTests
{
    [Fact]
    public async Task Send_WithPipelining_SendsEnvelopeInOneGroupAndReportsEveryRecipient()
    {
        // No reply comes before DATA is read: a client that waited for the MAIL reply would stall here.
        await using var server = new ScriptedServer().Script(Hello("PIPELINING", "8BITMIME") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: RCPT TO:<c@example.test>
            C: DATA
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            S: 550 5.1.1 <c@example.test> unknown
            S: 354 End data with <CR><LF>.<CR><LF>
            """).ExpectDataBlock("Subject: hi\r\n\r\nbody\r\n").Script("S: 250 2.0.0 Ok: queued as 1\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test", "c@example.test"), Message("Subject: hi\r\n\r\nbody\r\n"));

        Assert.False(result.Delivered);
        Assert.True(result.PartlyDelivered);
        Assert.Equal(["b@example.test", "c@example.test"], result.Recipients.Select(r => r.Address));
        Assert.Equal(250, result.Recipients[0].Reply.Code);
        Assert.Equal("2.0.0 Ok: queued as 1", result.Recipients[0].Reply.Text);
        Assert.Equal(550, result.Recipients[1].Reply.Code);
        Assert.Equal(new SmtpStatus(5, 1, 1), result.Recipients[1].Status);
    }

    [Fact]
    public async Task SendAll_WithPipelining_SendsMessageEndWithNextEnvelope()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: DATA
            S: 250 Ok
            S: 250 Ok
            S: 354 go
            """).ExpectDataBlock("one\r\n").Script("""
            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: DATA
            S: 250 queued 1
            S: 250 Ok
            S: 250 Ok
            S: 354 go
            """).ExpectDataBlock("two\r\n").Script("S: 250 queued 2\n" + Quit);
        await using var client = await Connect(server);
        var messages = new[] { "one\r\n", "two\r\n" }.Select(t => new SmtpOutgoingMessage(Envelope("a@example.test", "b@example.test"), Message(t), t));

        var results = new List<SmtpSendResult>();
        await foreach (var result in client.SendAllAsync(Async(messages)))
            results.Add(result);

        Assert.Equal(["one\r\n", "two\r\n"], results.Select(r => (string)r.Message.Tag!));
        Assert.Equal(["queued 1", "queued 2"], results.Select(r => r.FinalReply.Text));
        Assert.All(results, r => Assert.True(r.Delivered));
    }

    [Fact]
    public async Task Send_WithoutPipelining_WaitsForEachReply()
    {
        await using var server = new ScriptedServer().Script(Hello("8BITMIME") + """

            C: MAIL FROM:<a@example.test>
            S: 250 Ok
            C: RCPT TO:<b@example.test>
            S: 452 4.2.2 mailbox full
            C: RCPT TO:<c@example.test>
            S: 250 Ok
            C: RCPT TO:<d@example.test>
            S: 552 5.2.2 mailbox over quota
            C: DATA
            S: 354 go
            """).ExpectDataBlock("x\r\n").Script("S: 250 Ok\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test", "c@example.test", "d@example.test"), Message("x\r\n"));

        Assert.Equal([452, 250, 552], result.Recipients.Select(r => r.Reply.Code));
        Assert.True(result.Recipients[0].Reply.IsTransientNegative);
    }

    [Fact]
    public async Task Send_DotStuffsAndTurnsBareLineFeedsIntoCrLf()
    {
        await using var server = new ScriptedServer().Script(Hello() + """

            C: MAIL FROM:<a@example.test>
            S: 250 Ok
            C: RCPT TO:<b@example.test>
            S: 250 Ok
            C: DATA
            S: 354 go
            """).ExpectDataBlock("Subject: d\r\n\r\n..leading dot\r\n\r\n..\r\nlast line without end\r\n").Script("S: 250 Ok\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test"),
            Message("Subject: d\n\n.leading dot\r\n\n.\nlast line without end"));

        Assert.True(result.Delivered);
    }

    [Fact]
    public async Task Send_AfterDataServerRefuses_AllAcceptedRecipientsGetTheRefusal()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: RCPT TO:<c@example.test>
            C: DATA
            S: 250 Ok
            S: 250 Ok
            S: 250 Ok
            S: 354 go
            """).ExpectDataBlock("spam\r\n").Script("S: 554 5.7.1 rejected as spam\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test", "c@example.test"), Message("spam\r\n"));

        Assert.False(result.PartlyDelivered);
        Assert.All(result.Recipients, r => Assert.Equal(554, r.Reply.Code));
        Assert.Equal(new SmtpStatus(5, 7, 1), result.Recipients[1].Status);
    }

    [Fact]
    public async Task SendAll_AllRecipientsRefused_ResetsBeforeTheNextMessage()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<nobody@example.test>
            C: DATA
            S: 250 Ok
            S: 550 5.1.1 unknown
            S: 554 5.5.1 no valid recipients
            C: RSET
            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: DATA
            S: 250 2.0.0 reset
            S: 250 Ok
            S: 250 Ok
            S: 354 go
            """).ExpectDataBlock("two\r\n").Script("S: 250 queued\n" + Quit);
        await using var client = await Connect(server);
        var messages = new[]
        {
            new SmtpOutgoingMessage(Envelope("a@example.test", "nobody@example.test"), Message("one\r\n")),
            new SmtpOutgoingMessage(Envelope("a@example.test", "b@example.test"), Message("two\r\n")),
        };

        var results = new List<SmtpSendResult>();
        await foreach (var result in client.SendAllAsync(Async(messages)))
            results.Add(result);

        Assert.Equal(550, results[0].Recipients[0].Reply.Code);
        Assert.True(results[1].Delivered);
    }

    [Fact]
    public async Task Send_ServerClosesWith421MidSession_ThrowsAndLeavesClientUnusable()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: DATA
            S: 421 4.3.2 shutting down
            """).Disconnect();
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Envelope("a@example.test", "b@example.test"), Message("x\r\n")));

        Assert.Equal(421, e.Code);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Send_MessageOverSize_IsRefusedBeforeAnythingIsSent()
    {
        await using var server = new ScriptedServer().Script(Hello("SIZE 100", "PIPELINING") + "\n" + Quit);
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<SmtpMessageTooLargeException>(() =>
            client.SendAsync(Envelope("a@example.test", "b@example.test"), Message(new string('x', 150) + "\r\n")));

        Assert.Equal(152, e.Size);
        Assert.Equal(100, e.Limit);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Send_DeclaresSizeEightBitAndSmtpUtf8WhenOffered()
    {
        var body = "Subject: caf\u00e9\n\nna\u00efve\n";
        var wire = Encoding.UTF8.GetByteCount(body) + 3; // three bare LFs become CRLF
        await using var server = new ScriptedServer().Script(Hello("SIZE 10000", "8BITMIME", "SMTPUTF8") + $"""

            C: MAIL FROM:<josé@example.test> SIZE={wire} BODY=8BITMIME SMTPUTF8
            S: 250 Ok
            C: RCPT TO:<b@example.test>
            S: 250 Ok
            C: DATA
            S: 354 go
            """).ExpectDataBlock("Subject: caf\u00e9\r\n\r\nna\u00efve\r\n").Script("S: 250 Ok\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("jos\u00e9@example.test", "b@example.test"), Message(body));

        Assert.True(result.Delivered);
    }

    [Fact]
    public async Task Send_NonAsciiAddressWithoutSmtpUtf8_IsRefusedBeforeSending()
    {
        await using var server = new ScriptedServer().Script(Hello("8BITMIME") + "\n" + Quit);
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<SmtpExtensionMissingException>(() =>
            client.SendAsync(Envelope("a@example.test", "j\u00f6rg@example.test"), Message("x\r\n")));

        Assert.Equal("SMTPUTF8", e.Extension);
    }

    [Theory]
    [InlineData("a@example.test\r\nRCPT TO:<evil@example.test>")]
    [InlineData("a@example.test\0")]
    [InlineData("a@example.test> NOTIFY=NEVER")]
    [InlineData("no-at-sign")]
    public async Task Send_BadAddress_IsRefusedBeforeSending(string address)
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + "\n" + Quit);
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(Envelope("a@example.test", address), Message("x\r\n")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(Envelope(address, "b@example.test"), Message("x\r\n")));
    }

    [Fact]
    public async Task Send_WithDsn_SendsRetEnvidNotifyAndOrcpt()
    {
        await using var server = new ScriptedServer().Script(Hello("DSN") + """

            C: MAIL FROM:<a@example.test> RET=HDRS ENVID=id+2B1
            S: 250 Ok
            C: RCPT TO:<b@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;old@example.test
            S: 250 Ok
            C: DATA
            S: 354 go
            """).ExpectDataBlock("x\r\n").Script("S: 250 Ok\n" + Quit);
        await using var client = await Connect(server);
        var envelope = new SmtpEnvelope("a@example.test",
            [new SmtpRecipient("b@example.test") { Notify = SmtpNotify.Success | SmtpNotify.Failure, OriginalRecipient = "old@example.test" }])
        { Return = SmtpDsnReturn.Headers, EnvelopeId = "id+1" };

        Assert.True((await client.SendAsync(envelope, Message("x\r\n"))).Delivered);
    }

    [Fact]
    public async Task Send_WithChunking_SendsBdatLastWithExactBytes()
    {
        var content = "Subject: b\n\n.dot stays\r\nend";
        var expected = Encoding.ASCII.GetBytes("Subject: b\r\n\r\n.dot stays\r\nend");
        byte[]? got = null;
        await using var server = new ScriptedServer().Script(Hello("PIPELINING", "CHUNKING") + $"""

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            S: 250 Ok
            S: 250 Ok
            C: BDAT {expected.Length} LAST
            """).Do(async s => { got = new byte[expected.Length]; await s.ReadExactlyAsync(got); })
            .Script("S: 250 2.0.0 Ok: queued\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test"), Message(content));

        Assert.True(result.Delivered);
        Assert.Equal(expected, got);
    }

    [Fact]
    public async Task Lmtp_MapsOneReplyPerAcceptedRecipient()
    {
        await using var server = new ScriptedServer().Script("""
            S: 220 lmtp.example.test LMTP
            C: LHLO client.test
            S: 250-lmtp.example.test
            S: 250 PIPELINING
            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<one@example.test>
            C: RCPT TO:<nobody@example.test>
            C: RCPT TO:<two@example.test>
            C: DATA
            S: 250 Ok
            S: 250 Ok
            S: 550 5.1.1 unknown
            S: 250 Ok
            S: 354 go
            """).ExpectDataBlock("x\r\n").Script("""
            S: 250 2.0.0 <one@example.test> saved
            S: 452 4.2.2 <two@example.test> over quota
            """ + "\n" + Quit);
        await using var client = await Connect(server, SmtpMode.Lmtp);

        var result = await client.SendAsync(Envelope("a@example.test", "one@example.test", "nobody@example.test", "two@example.test"), Message("x\r\n"));

        Assert.Equal([250, 550, 452], result.Recipients.Select(r => r.Reply.Code));
        Assert.Contains("one@example.test", result.Recipients[0].Reply.Text, StringComparison.Ordinal);
        Assert.Contains("two@example.test", result.Recipients[2].Reply.Text, StringComparison.Ordinal);
    }
}
