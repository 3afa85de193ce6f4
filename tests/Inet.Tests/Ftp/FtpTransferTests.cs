using System.Text;
using Inet.Ftp;
using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Ftp;

/// <summary>Data connections and transfers against the scripted server: what is sent, and what counts as whole.</summary>
public class FtpTransferTests
{
    private const string NoFeatures = "C: FEAT\nS: 211-Features:\nS:  EPSV\nS:  PASV\nS: 211 End";
    private const string SizeFeature = "C: FEAT\nS: 211-Features:\nS:  EPSV\nS:  SIZE\nS: 211 End";

    [Fact]
    public async Task Download_Epsv_ByteExactAndCountChecked()
    {
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        await using var data = new FakeDataPort();
        await using var server = Server($"{SizeFeature}\nC: TYPE I\nS: 200 Switching to Binary mode.\nC: SIZE big.bin\nS: 213 {content.Length}\nC: EPSV\nS: {data.EpsvReply}\nC: RETR big.bin\nS: 150 Opening BINARY mode data connection for big.bin ({content.Length} bytes).")
            .Do(_ => data.SendAsync(content)).Script("S: 226 Transfer complete.\n" + Quit);
        await using var client = await Connect(server);
        using var destination = new MemoryStream();

        var result = await client.DownloadAsync("big.bin", destination);

        Assert.Equal(content, destination.ToArray());
        Assert.Equal(content.Length, result.Bytes);
        Assert.Equal(226, result.Reply.Code);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Download_226AfterShortData_IsIncompleteNeverSuccess()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoFeatures}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 Opening BINARY mode data connection for f (10 bytes).")
            .Do(_ => data.SendAsync("12345"u8.ToArray())).Script("S: 226 Transfer complete.\n" + Quit);
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<FtpIncompleteTransferException>(() => client.DownloadAsync("f", new MemoryStream()));

        Assert.Equal(5, e.Transferred);
        Assert.Equal(10, e.Expected);
        Assert.True(client.IsConnected); // the session is still in step
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Download_150ThenDisconnect_IsIncomplete()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoFeatures}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 Here it comes.")
            .Do(_ => data.SendAsync("partial"u8.ToArray())).Disconnect();
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<FtpIncompleteTransferException>(() => client.DownloadAsync("f", new MemoryStream()));

        Assert.Equal(7, e.Transferred);
        await server.Completion;
    }

    [Fact]
    public async Task Pasv_AddressInReplyIgnored_ControlHostUsed()
    {
        await using var data = new FakeDataPort();
        // 10.255.255.1 is not reachable here: a client that trusted it would time out.
        await using var server = Server($"C: FEAT\nS: 500 no\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: 502 EPSV not implemented\nC: PASV\nS: {data.PasvReply("10.255.255.1")}\nC: RETR f\nS: 150 go")
            .Do(_ => data.SendAsync("abc"u8.ToArray())).Script("S: 226 done\n" + Quit);
        await using var client = await Connect(server);
        using var destination = new MemoryStream();

        await client.DownloadAsync("f", destination);

        Assert.Equal("abc", Encoding.ASCII.GetString(destination.ToArray()));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Upload_Stor_ServerGetsExactBytesAndSizeChecked()
    {
        var content = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: STOR up.bin\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync()).Script($"S: 226 Transfer complete.\n{SizeFeature}\nC: SIZE up.bin\nS: 213 {content.Length}\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.UploadAsync("up.bin", new MemoryStream(content));

        Assert.Equal(content, data.Received);
        Assert.Equal(content.Length, result.Bytes);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Upload_ServerHasFewerBytesAfterward_IsIncomplete()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: STOR up.bin\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync()).Script($"S: 226 Transfer complete.\n{SizeFeature}\nC: SIZE up.bin\nS: 213 3\n" + Quit);
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<FtpIncompleteTransferException>(() => client.UploadAsync("up.bin", new MemoryStream("12345"u8.ToArray())));

        Assert.Equal(5, e.Expected);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Retr_550_FileUnavailableAndSessionUsable()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoFeatures}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR missing\nS: 550 Failed to open file.\nC: NOOP\nS: 200 NOOP ok.\n" + Quit);
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.DownloadAsync("missing", new MemoryStream()));
        await client.NoopAsync();

        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task List_UnixLines_ParsedWithoutDotEntries()
    {
        var listing = "drwxr-xr-x    2 0        0            4096 Jan 01  2024 .\r\n"
            + "-rw-r--r--    1 1000     1000           42 Mar 05 12:30 notes with spaces.txt\r\n"
            + "lrwxrwxrwx    1 0        0               7 Jan 01  2024 latest -> rel/1.0\r\n";
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoFeatures}\nC: SYST\nS: 215 UNIX Type: L8\nC: EPSV\nS: {data.EpsvReply}\nC: LIST -a pub\nS: 150 Here comes the directory listing.")
            .Do(_ => data.SendAsync(Encoding.UTF8.GetBytes(listing))).Script("S: 226 Directory send OK.\n" + Quit);
        await using var client = await Connect(server);

        var items = await client.ListAsync("pub").ToListAsync();

        Assert.Equal(["notes with spaces.txt", "latest"], items.Select(i => i.Name));
        Assert.Equal(42, items[0].Size);
        Assert.Equal("rel/1.0", items[1].LinkTarget);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Download_Ascii_CrlfBecomesLf()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE A\nS: 200 Switching to ASCII mode.\nC: EPSV\nS: {data.EpsvReply}\nC: RETR t.txt\nS: 150 go")
            .Do(_ => data.SendAsync("a\r\nb\r\r\nc\r"u8.ToArray())).Script("S: 226 done\n" + Quit);
        await using var client = await Connect(server);
        using var destination = new MemoryStream();

        await client.DownloadAsync("t.txt", destination, type: FtpTransferType.Ascii);

        Assert.Equal("a\nb\r\nc\r", Encoding.ASCII.GetString(destination.ToArray()));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task OpenRead_DisposedEarly_AbortsAndSessionStaysInStep()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 go")
            .Do(_ => data.AcceptAndCloseAsync())
            .Script("C: ABOR\nC: NOOP\nS: 426 Failure writing network stream.\nS: 226 ABOR successful.\nS: 200 NOOP ok.\nC: PWD\nS: 257 \"/\"\n" + Quit);
        await using var client = await Connect(server);

        var stream = await client.OpenReadAsync("f");
        await stream.DisposeAsync();

        Assert.Equal("/", await client.PwdAsync());
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Download_CancelledWhileServerStalls_BreaksSessionAtOnceWithoutWaitingForAbor()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoFeatures}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 go")
            .Do(_ => data.SendAndHoldAsync("first bytes"u8.ToArray(), TimeSpan.FromSeconds(3)));
        server.ScriptGrace = TimeSpan.FromSeconds(5);
        await using var client = await Connect(server);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DownloadAsync("f", new MemoryStream(), cancellationToken: cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.False(client.IsConnected); // reconnect: the session's state is unknown
    }

    [Fact]
    public async Task Download_LargeServerFallsSilent_TimesOutAsIncompleteKeepingWhatArrived()
    {
        await using var data = new FakeDataPort();
        var holding = Task.CompletedTask;
        var first = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        await using var server = Server($"{NoFeatures}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 Opening BINARY mode data connection for f (5000000 bytes).")
            .Do(_ =>
            {
                holding = data.SendAndHoldAsync(first, TimeSpan.FromSeconds(6));
                return Task.CompletedTask;
            })
            .Script("C: ABOR\nC: NOOP\nS: 426 Failure writing network stream.\nS: 226 ABOR successful.\nS: 200 NOOP ok.\nC: PWD\nS: 257 \"/\"\n" + Quit);
        await using var client = await FtpClient.ConnectAsync(Options(server.Start()) with
        {
            Connection = new Inet.Core.ConnectionSettings { Host = "localhost", Port = server.Port, ReadTimeout = TimeSpan.FromMilliseconds(1500) },
        });
        using var destination = new MemoryStream();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<FtpIncompleteTransferException>(() => client.DownloadAsync("f", destination));

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Equal(first.Length, e.Transferred);
        Assert.Equal(first, destination.ToArray()); // what arrived is handed on, for a resume
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)); // the timeout, not the server's close
        Assert.Equal("/", await client.PwdAsync()); // the session went on in step after ABOR
        await client.QuitAsync();
        await server.Completion;
        await holding;
    }

    [Fact]
    public async Task SecondTransfer_EpsvPipelinedWithRetr_RefusalAfterClosedPortKeepsSessionInStep()
    {
        await using var first = new FakeDataPort();
        var closed = new FakeDataPort();
        var closedReply = closed.EpsvReply;
        await closed.DisposeAsync(); // the server closed its passive socket on refusing RETR
        await using var server = Server($"{NoFeatures}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {first.EpsvReply}\nC: RETR a\nS: 150 go")
            .Do(_ => first.SendAsync("a"u8.ToArray()))
            .Script($"S: 226 done\nC: EPSV\nC: RETR missing\nS: {closedReply}\nS: 550 Failed to open file.\nC: NOOP\nS: 200 ok\n" + Quit);
        await using var client = await Connect(server);

        await client.DownloadAsync("a", new MemoryStream());
        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.DownloadAsync("missing", new MemoryStream()));
        await client.NoopAsync();

        await client.QuitAsync();
        await server.Completion;
    }

    [Theory]
    [InlineData("RETR a\r\nDELE b")]
    [InlineData("RETR a\0")]
    public async Task RawCommand_WithCrLfOrNul_RefusedBeforeSending(string command)
    {
        await using var server = Server(Quit);
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RetrieveBinaryAsync(command, _ => ValueTask.CompletedTask));

        await client.QuitAsync();
        await server.Completion;
    }
}

/// <summary>The listing commands and ftplib-style transfers against the scripted server.</summary>
public class FtpListingAndRawTransferTests
{
    [Fact]
    public async Task Mlsd_WhenOffered_UsedForListAndFactsParsed()
    {
        var lines = "type=cdir;perm=el; /pub\r\ntype=file;size=1234;modify=20240102030405; a b.txt\r\ntype=dir;modify=20230101000000; sub\r\n";
        await using var data = new FakeDataPort();
        await using var server = Server($"C: FEAT\nS: 211-Features:\nS:  MLST type*;size*;modify*;\nS:  EPSV\nS: 211 End\nC: EPSV\nS: {data.EpsvReply}\nC: MLSD /pub\nS: 150 Here comes the listing.")
            .Do(_ => data.SendAsync(Encoding.UTF8.GetBytes(lines))).Script("S: 226 Done.\n" + Quit);
        await using var client = await Connect(server);

        var items = await client.ListAsync("/pub").ToListAsync();

        Assert.Equal(["a b.txt", "sub"], items.Select(i => i.Name));
        Assert.Equal(1234, items[0].Size);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), items[0].Modified);
        Assert.Equal(FtpItemType.Directory, items[1].Type);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Nlst_LastLineWithoutEnding_StillCounts()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: EPSV\nS: {data.EpsvReply}\nC: NLST\nS: 150 Here comes the directory listing.")
            .Do(_ => data.SendAsync("one.txt\r\ntwo words.txt\nthree"u8.ToArray())).Script("S: 226 Directory send OK.\n" + Quit);
        await using var client = await Connect(server);

        Assert.Equal(["one.txt", "two words.txt", "three"], await client.NlstAsync().ToListAsync());

        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Nlst_Empty226WithoutPreliminary_IsEmpty()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: EPSV\nS: {data.EpsvReply}\nC: NLST\nS: 226 No files found.\nC: NOOP\nS: 200 ok\n" + Quit);
        await using var client = await Connect(server);

        Assert.Empty(await client.NlstAsync().ToListAsync());
        await client.NoopAsync();

        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Mlst_OneEntryOverControl()
    {
        await using var server = Server("C: MLST a.txt\nS: 250- Listing a.txt\nS:  type=file;size=5;modify=20240101120000; a.txt\nS: 250 End\n" + FtpTestHelpers.Quit);
        await using var client = await Connect(server);

        var item = await client.MlstAsync("a.txt");

        Assert.Equal(("a.txt", 5L), (item.Name, item.Size!.Value));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task RetrieveBinary_RestAndBlockSize_AsFtplib()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: REST 4\nS: 350 Restart position accepted (4).\nC: RETR f\nS: 150 Opening BINARY mode data connection for f (10 bytes).")
            .Do(_ => data.SendAsync("456789"u8.ToArray())).Script("S: 226 done\n" + Quit);
        await using var client = await Connect(server);
        var blocks = new List<byte[]>();

        var result = await client.RetrieveBinaryAsync("RETR f", block => { blocks.Add(block.ToArray()); return ValueTask.CompletedTask; }, blockSize: 4, rest: 4);

        Assert.All(blocks, b => Assert.InRange(b.Length, 1, 4));
        Assert.Equal("456789", Encoding.ASCII.GetString(blocks.SelectMany(b => b).ToArray()));
        Assert.Equal(6, result.Bytes); // 10 announced less the 4 skipped
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task StoreLines_SendsCrlf_StoreUnique_ReportsName()
    {
        await using var data = new FakeDataPort();
        await using var unique = new FakeDataPort();
        await using var server = Server($"C: TYPE A\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: STOR notes.txt\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync())
            .Script($"S: 226 Transfer complete.\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {unique.EpsvReply}\nC: STOU\nS: 150 FILE: notes.1")
            .Do(_ => unique.ReceiveAsync()).Script("S: 226 Transfer complete.\n" + Quit);
        await using var client = await Connect(server);

        await client.StoreLinesAsync("STOR notes.txt", new MemoryStream("a\nb\r\nc"u8.ToArray()));
        var result = await client.UploadUniqueAsync(new MemoryStream("x"u8.ToArray()));

        Assert.Equal("a\r\nb\r\nc", Encoding.ASCII.GetString(data.Received));
        Assert.Equal("notes.1", result.RemoteName);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task CommandDuringOpenTransfer_IsRefusedLocally()
    {
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 go")
            .Do(_ => data.SendAsync("abc"u8.ToArray())).Script("S: 226 done\n" + Quit);
        await using var client = await Connect(server);

        await using var stream = await client.OpenReadAsync("f");
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NlstAsync().ToListAsync().AsTask());
        var buffer = new byte[16];
        while (await stream.ReadAsync(buffer) > 0) { }
        await stream.CompleteAsync();

        await client.QuitAsync();
        await server.Completion;
    }
}
