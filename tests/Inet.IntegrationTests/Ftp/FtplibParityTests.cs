using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Inet.Ftp;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Ftp;

/// <summary>
/// Python ftplib parity, one test per call: the same operation through ftplib (Debian's python3,
/// Ftp/Ftplib/ftplib_op.py) and through FtpClient, on the same real server and folder, must give the
/// same result. vsftpd (plain) for most; pure-ftpd (FTP_TLS, prot_p) for MLSD, which vsftpd lacks.
/// </summary>
public sealed class FtplibParityTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(60));

    private sealed record Server(string Host, int Port, string User, string Password, string? Ca, string Home, FtpClientOptions Options);

    private static Server Vsftpd()
    {
        var s = FtpServerSettings.Require();
        return new Server(s.Host, s.Port, s.User, s.Password, null, s.Home,
            new FtpClientOptions { Connection = s.Connection(), UserName = s.User, Password = s.Password });
    }

    private static Server PureFtpd()
    {
        var p = PureFtpdServerSettings.Require();
        return new Server(p.Host, p.Port, p.User, p.Password, p.CaFile, p.Home,
            new FtpClientOptions { Connection = p.Connection(), UserName = p.User, Password = p.Password, Security = FtpSecurity.ExplicitTls });
    }

    /// <summary>Runs one ftplib call in <paramref name="folder"/> and returns its JSON result.</summary>
    private static async Task<JsonElement> FtplibAsync(Server server, string folder, string op, params string[] args)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Ftp", "Ftplib", "ftplib_op.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, server.Host, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.User, server.Password, server.Ca ?? "-", folder, op }.Concat(args))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ftplib {op} failed: {await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    /// <summary>A fresh folder made by FtpClient, removed afterwards.</summary>
    private static async Task<(FtpClient Client, string Folder)> ClientInFolderAsync(Server server, CancellationToken cancellationToken)
    {
        var client = await FtpClient.ConnectAsync(server.Options, cancellationToken);
        var folder = "inet-ftplib-" + Guid.NewGuid().ToString("N")[..12];
        await client.MkdAsync(folder, cancellationToken);
        await client.CwdAsync(folder, cancellationToken);
        return (client, folder);
    }

    private static void Remove(Server server, string folder)
    {
        var path = Path.Combine(server.Home, folder);
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [RequiresFtpServerFact]
    public async Task ConnectLogin_GetWelcome_Pwd_Cwd()
    {
        var server = Vsftpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            await using var _ = client;
            Assert.True(client.IsAuthenticated);
            Assert.Equal((await FtplibAsync(server, "-", "welcome")).GetString(), client.WelcomeReply.ToString());
            Assert.Equal((await FtplibAsync(server, folder, "pwd")).GetString(), await client.PwdAsync(cts.Token));
            await client.MkdAsync("sub", cts.Token);
            await client.CwdAsync("sub", cts.Token);
            Assert.Equal((await FtplibAsync(server, folder, "cwd", "sub")).GetString(), await client.PwdAsync(cts.Token));
        }
        finally
        {
            Remove(server, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Dir_And_Nlst()
    {
        var server = Vsftpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            await using var _ = client;
            await client.UploadAsync("a file.txt", new MemoryStream("one"u8.ToArray()), cancellationToken: cts.Token);
            await client.UploadAsync("b.bin", new MemoryStream(new byte[1234]), cancellationToken: cts.Token);
            await client.MkdAsync("sub", cts.Token);

            Assert.Equal(Strings(await FtplibAsync(server, folder, "dir", ".")), await client.DirAsync(".", cts.Token).ToListAsync(cts.Token));
            Assert.Equal(Strings(await FtplibAsync(server, folder, "nlst")), (await client.NlstAsync(cancellationToken: cts.Token).ToListAsync(cts.Token)).Order(StringComparer.Ordinal));
        }
        finally
        {
            Remove(server, folder);
        }
    }

    [RequiresPureFtpdServerFact]
    public async Task Mlsd_OverTls()
    {
        var server = PureFtpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            await using var _ = client;
            await client.UploadAsync("x.txt", new MemoryStream("12345"u8.ToArray()), cancellationToken: cts.Token);
            await client.MkdAsync("d", cts.Token);

            var theirs = (await FtplibAsync(server, folder, "mlsd", "."))
                .EnumerateArray().Select(e => $"{e[0].GetString()}|{e[1].GetString()}|{(e[2].ValueKind == JsonValueKind.Null ? "" : e[2].GetString())}")
                .Order(StringComparer.Ordinal);
            var ours = (await client.MlsdAsync(".", cts.Token).ToListAsync(cts.Token))
                .Select(i => $"{i.Name}|{i.Facts.GetValueOrDefault("type")}|{i.Facts.GetValueOrDefault("size")}").Order(StringComparer.Ordinal);
            Assert.Equal(theirs, ours);
        }
        finally
        {
            Remove(server, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Retrlines_And_Retrbinary_WithBlockSizeAndRest()
    {
        var server = Vsftpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            await using var _ = client;
            var bytes = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31)).ToArray();
            await client.UploadAsync("lines.txt", new MemoryStream("alpha\r\nbeta\r\n\r\ngamma"u8.ToArray()), cancellationToken: cts.Token);
            await client.UploadAsync("bin.dat", new MemoryStream(bytes), cancellationToken: cts.Token);

            Assert.Equal(Strings(await FtplibAsync(server, folder, "retrlines", "lines.txt")), await client.RetrieveLinesAsync("RETR lines.txt", cts.Token).ToListAsync(cts.Token));

            var theirs = await FtplibAsync(server, folder, "retrbinary", "bin.dat", "1000", "123");
            var blocks = new List<byte[]>();
            await client.RetrieveBinaryAsync("RETR bin.dat", b => { blocks.Add(b.ToArray()); return ValueTask.CompletedTask; }, blockSize: 1000, rest: 123, cts.Token);
            Assert.Equal(theirs.GetProperty("hex").GetString(), Convert.ToHexStringLower(blocks.SelectMany(b => b).ToArray()));
            Assert.True(blocks.Max(b => b.Length) <= theirs.GetProperty("largest").GetInt32());
        }
        finally
        {
            Remove(server, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Storlines_And_Storbinary_StoreTheSameBytes()
    {
        var server = Vsftpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            await using var _ = client;
            var text = Encoding.UTF8.GetBytes("first\nsecond\r\nthird\n");
            var binary = Enumerable.Range(0, 50_000).Select(i => (byte)(i % 253)).ToArray();
            await FtplibAsync(server, folder, "storlines", "py.txt", Convert.ToHexString(text));
            await client.StoreLinesAsync("STOR cs.txt", new MemoryStream(text), cts.Token);
            await FtplibAsync(server, folder, "storbinary", "py.bin", Convert.ToHexString(binary), "4096", "0");
            await client.StoreBinaryAsync("STOR cs.bin", new MemoryStream(binary), blockSize: 4096, cancellationToken: cts.Token);

            var home = Path.Combine(server.Home, folder);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(home, "py.txt"), cts.Token), await File.ReadAllBytesAsync(Path.Combine(home, "cs.txt"), cts.Token));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(home, "py.bin"), cts.Token), await File.ReadAllBytesAsync(Path.Combine(home, "cs.bin"), cts.Token));
            Assert.Equal(binary, await File.ReadAllBytesAsync(Path.Combine(home, "cs.bin"), cts.Token));
        }
        finally
        {
            Remove(server, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Rename_Delete_Mkd_Rmd_Size()
    {
        var server = Vsftpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            await using var _ = client;
            var home = Path.Combine(server.Home, folder);
            Assert.Equal((await FtplibAsync(server, folder, "mkd", "made")).GetString()!.Replace("made", "ours", StringComparison.Ordinal), await client.MkdAsync("ours", cts.Token));
            Assert.True(Directory.Exists(Path.Combine(home, "made")) && Directory.Exists(Path.Combine(home, "ours")));
            await FtplibAsync(server, folder, "rmd", "made");
            await client.RmdAsync("ours", cts.Token);
            Assert.False(Directory.Exists(Path.Combine(home, "made")) || Directory.Exists(Path.Combine(home, "ours")));

            await client.UploadAsync("f1", new MemoryStream(new byte[777]), cancellationToken: cts.Token);
            await client.UploadAsync("f2", new MemoryStream(new byte[777]), cancellationToken: cts.Token);
            Assert.Equal((await FtplibAsync(server, folder, "size", "f1")).GetInt64(), await client.SizeAsync("f1", cts.Token));
            await FtplibAsync(server, folder, "rename", "f1", "g1");
            await client.RenameAsync("f2", "g2", cts.Token);
            Assert.Equal(["g1", "g2"], Directory.GetFiles(home).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            await FtplibAsync(server, folder, "delete", "g1");
            await client.DeleAsync("g2", cts.Token);
            Assert.Empty(Directory.GetFiles(home));

            var missing = await FtplibAsync(server, folder, "size", "nothing-here");
            var e = await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.SizeAsync("nothing-here", cts.Token));
            Assert.Equal(missing.GetProperty("text").GetString(), $"{e.Code} {e.Text}");
        }
        finally
        {
            Remove(server, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Sendcmd_Voidcmd_Quit()
    {
        var server = Vsftpd();
        using var cts = Timeout();
        var (client, folder) = await ClientInFolderAsync(server, cts.Token);
        try
        {
            Assert.Equal((await FtplibAsync(server, folder, "sendcmd", "SYST")).GetString(), (await client.SendCommandAsync("SYST", cts.Token)).ToString());
            Assert.Equal((await FtplibAsync(server, folder, "voidcmd", "NOOP")).GetString(), (await client.VoidCommandAsync("NOOP", cts.Token)).ToString());
            var theirs = await FtplibAsync(server, folder, "sendcmd", "BOGUS");
            Assert.Equal("error_perm", theirs.GetProperty("error").GetString());
            var e = await Assert.ThrowsAsync<FtpPermanentException>(() => client.SendCommandAsync("BOGUS", cts.Token));
            Assert.Equal(theirs.GetProperty("text").GetString(), $"{e.Code} {e.Text}");

            await client.QuitAsync(cts.Token);
            Assert.False(client.IsConnected);
            await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(cts.Token));
            await client.DisposeAsync(); // close after quit is harmless, as ftplib's close
        }
        finally
        {
            Remove(server, folder);
        }
    }
}
