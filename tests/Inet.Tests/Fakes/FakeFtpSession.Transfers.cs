using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Inet.Tests.Fakes;

/// <summary>Data connections and what goes over them: EPSV, PASV, REST, TYPE, RETR, STOR, APPE, LIST, MLSD, NLST.</summary>
internal sealed partial class FakeFtpSession
{
    private static readonly TimeSpan AcceptTimeout = TimeSpan.FromSeconds(10);

    private TcpListener? _passive;
    private long _rest;
    private bool _ascii;

    /// <summary>Answers a transfer command, or 502 for anything unknown; false when a fault drops the session.</summary>
    private async Task<bool> HandleTransferAsync(string verb, string argument, CancellationToken cancellationToken)
    {
        switch (verb)
        {
            case "EPSV" when Offers(FakeFtpFeatures.Epsv):
                await ReplyAsync(229, $"Entering Extended Passive Mode (|||{OpenPassive()}|)");
                return true;
            case "PASV":
                var port = OpenPassive();
                await ReplyAsync(227, $"Entering Passive Mode (127,0,0,1,{port >> 8},{port & 255}).");
                return true;
            case "REST" when Offers(FakeFtpFeatures.RestStream):
                if (!long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out _rest))
                    await ReplyAsync(501, "Bad REST offset.");
                else
                    await ReplyAsync(350, $"Restart position accepted ({_rest}).");
                return true;
            case "TYPE":
                _ascii = argument.StartsWith('A');
                await (argument is "A" or "A N" or "I" or "L 8" ? ReplyAsync(200, "Type set.") : ReplyAsync(504, "Bad TYPE."));
                return true;
            case "MODE" or "STRU":
                await (argument is "S" or "F" ? ReplyAsync(200, "OK.") : ReplyAsync(504, "Bad parameter."));
                return true;
            case "ABOR":
                await ReplyAsync(225, "No transfer to ABOR.");
                return true;
            case "RETR":
                return await RetrieveAsync(argument, cancellationToken);
            case "STOR" or "APPE":
                await StoreAsync(argument, append: verb == "APPE", cancellationToken);
                return true;
            case "LIST" or "NLST" or "MLSD" when verb != "MLSD" || Offers(FakeFtpFeatures.Mlst):
                await ListAsync(verb, argument, cancellationToken);
                return true;
            default:
                await ReplyAsync(502, "Command not implemented.");
                return true;
        }
    }

    private async Task<bool> RetrieveAsync(string argument, CancellationToken cancellationToken)
    {
        var path = FakeFtpTree.Absolute(_cwd, argument);
        var rest = TakeRest();
        _server.Stats.Transfer("RETR", path, rest);
        byte[]? content;
        lock (Tree.Gate)
            content = Tree.Resolve(_cwd, argument) is { Kind: FakeFtpNodeKind.File } node ? node.Content : null;
        var fault = _server.TakeFault(path, upload: false);
        if (content is null || fault?.Kind == FakeFtpFaultKind.Refuse550)
        {
            ClosePassive();
            await ReplyAsync(550, "Failed to open file.");
            return true;
        }
        var data = content.AsMemory((int)Math.Min(rest, content.Length));
        if (_ascii)
            data = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data.Span).ReplaceLineEndings("\r\n"));
        if (fault is { Kind: FakeFtpFaultKind.ShortData226 or FakeFtpFaultKind.DisconnectAfter150 or FakeFtpFaultKind.StallAfter })
            data = data[..(int)Math.Min(fault.Bytes, data.Length)];
        var stall = fault?.Kind == FakeFtpFaultKind.StallAfter;
        if (!await SendDataAsync($"Opening BINARY mode data connection for {argument} ({content.Length} bytes).", data, isFile: true, stall, cancellationToken))
            return true;
        if (fault?.Kind == FakeFtpFaultKind.DisconnectAfter150)
            return false; // drop the control connection without a final reply
        await (stall ? ReplyAsync(426, "Connection closed; transfer aborted.") : ReplyAsync(226, "Transfer complete."));
        return true;
    }

    private async Task StoreAsync(string argument, bool append, CancellationToken cancellationToken)
    {
        var path = FakeFtpTree.Absolute(_cwd, argument);
        var rest = TakeRest();
        _server.Stats.Transfer(append ? "APPE" : "STOR", path, rest);
        var fault = _server.TakeFault(path, upload: true);
        bool possible;
        lock (Tree.Gate)
            possible = Tree.ResolveParent(_cwd, argument, out _) is not null && Tree.Resolve(_cwd, argument) is null or { Kind: FakeFtpNodeKind.File };
        if (!possible || fault?.Kind == FakeFtpFaultKind.Refuse550 || _passive is null)
        {
            var code = possible && fault is null ? 425 : 550;
            ClosePassive();
            await ReplyAsync(code, code == 425 ? "Use PORT or PASV first." : "Could not create file.");
            return;
        }
        await ReplyAsync(150, "Ok to send data.");
        var received = await ReceiveDataAsync(cancellationToken);
        if (fault?.Kind == FakeFtpFaultKind.StoreKeepThen426)
            received = received[..(int)Math.Min(fault.Bytes, received.Length)];
        lock (Tree.Gate)
        {
            var node = Tree.Resolve(_cwd, argument);
            if (node is null)
            {
                var parent = Tree.ResolveParent(_cwd, argument, out var name)!;
                node = FakeFtpTree.AddChild(parent, name, FakeFtpNodeKind.File);
            }
            var keep = append ? node.Content : node.Content.AsSpan(0, (int)Math.Min(rest, node.Content.Length)).ToArray();
            node.Content = [.. keep, .. received];
            node.Modified = Now();
        }
        await (fault?.Kind == FakeFtpFaultKind.StoreKeepThen426 ? ReplyAsync(426, "Failure writing to local file.") : ReplyAsync(226, "Transfer complete."));
    }

    private async Task ListAsync(string verb, string argument, CancellationToken cancellationToken)
    {
        while (verb == "LIST" && argument.StartsWith('-'))
        {
            var space = argument.IndexOf(' ', StringComparison.Ordinal);
            argument = space < 0 ? "" : argument[(space + 1)..]; // ls options such as -a
        }
        var lines = new List<string>();
        lock (Tree.Gate)
        {
            var node = Tree.Resolve(_cwd, argument.Length == 0 ? "." : argument);
            if (node is { Kind: FakeFtpNodeKind.Folder })
                lines.AddRange(FolderLines(verb, node));
            else if (node is not null && verb == "LIST")
                lines.Add(FakeFtpListing.List(FakeFtpListing.Of(argument, node), _server.Clock()));
            else
                lines = null;
        }
        if (lines is null)
        {
            ClosePassive();
            await ReplyAsync(verb == "MLSD" ? 501 : 550, "Not a directory.");
            return;
        }
        var text = string.Concat(lines.Select(l => l + "\r\n"));
        if (await SendDataAsync("Here comes the directory listing.", Encoding.UTF8.GetBytes(text), isFile: false, stall: false, cancellationToken))
            await ReplyAsync(226, "Directory send OK.");
    }

    private IEnumerable<string> FolderLines(string verb, FakeFtpNode folder)
    {
        var entries = FakeFtpListing.Entries(Tree, folder, _server.ListingsFollowLinks);
        return verb switch
        {
            "NLST" => entries.Select(e => e.Name),
            "LIST" => entries.Select(e => FakeFtpListing.List(e, _server.Clock())),
            _ => entries.Select(e => FakeFtpListing.Mlsd(e)).Prepend(FakeFtpListing.Mlsd(FakeFtpListing.Of(".", folder), "cdir")),
        };
    }

    /// <summary>
    /// 150, the data over the passive connection, then close it (or, to <paramref name="stall"/>, wait for
    /// the client to close it); false (after a 425) when there is none. File data waits
    /// <see cref="FakeFtpServer.TransferDelay"/> first and counts as a transfer; listings do neither.
    /// </summary>
    private async Task<bool> SendDataAsync(string opening, ReadOnlyMemory<byte> data, bool isFile, bool stall, CancellationToken cancellationToken)
    {
        if (_passive is null)
        {
            await ReplyAsync(425, "Use PORT or PASV first.");
            return false;
        }
        await ReplyAsync(150, opening);
        using var connection = await AcceptDataAsync(cancellationToken);
        if (isFile)
            _server.Stats.DataStarted();
        try
        {
            if (isFile && _server.TransferDelay > TimeSpan.Zero)
                await Task.Delay(_server.TransferDelay, cancellationToken);
            await connection.GetStream().WriteAsync(data, cancellationToken);
            if (stall)
                _ = await connection.GetStream().ReadAsync(new byte[1], cancellationToken); // until the client closes
            else
                connection.Client.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            if (isFile)
                _server.Stats.DataEnded();
        }
        return true;
    }

    private async Task<byte[]> ReceiveDataAsync(CancellationToken cancellationToken)
    {
        using var connection = await AcceptDataAsync(cancellationToken);
        _server.Stats.DataStarted();
        try
        {
            if (_server.TransferDelay > TimeSpan.Zero)
                await Task.Delay(_server.TransferDelay, cancellationToken);
            using var buffer = new MemoryStream();
            await connection.GetStream().CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        finally
        {
            _server.Stats.DataEnded();
        }
    }

    private async Task<TcpClient> AcceptDataAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AcceptTimeout);
        try
        {
            return await _passive!.AcceptTcpClientAsync(timeout.Token);
        }
        finally
        {
            ClosePassive();
        }
    }

    private int OpenPassive()
    {
        ClosePassive();
        _passive = new TcpListener(IPAddress.Loopback, 0);
        _passive.Start();
        return ((IPEndPoint)_passive.LocalEndpoint).Port;
    }

    private void ClosePassive()
    {
        _passive?.Stop();
        _passive?.Dispose();
        _passive = null;
    }

    private long TakeRest()
    {
        var rest = _rest;
        _rest = 0;
        return rest;
    }
}
