using Inet.Core;
using Inet.Ftp;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Ftp;

/// <summary>
/// The FTP client (control connection) against the real vsftpd 3.0.3 started by test.sh
/// (scripts/servers/vsftpd.sh). Each test works in a folder of its own under the user's home,
/// made with MKD and removed at the end; files are written straight to disk through
/// INET_TEST_FTP_HOME (the tests run on the server's machine).
/// </summary>
public sealed class FtpClientVsftpdTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(30));

    private static FtpClientOptions Options(FtpServerSettings s, string user, string? password) => new()
    {
        Connection = new ConnectionSettings { Host = s.Host, Port = s.Port, ReadTimeout = TimeSpan.FromSeconds(20) },
        UserName = user,
        Password = password,
    };

    private static Task<FtpClient> ConnectUserAsync(FtpServerSettings s, CancellationToken cancellationToken) =>
        FtpClient.ConnectAsync(Options(s, s.User, s.Password), cancellationToken);

    private static string UniqueName(string what) => "inet-it-" + what + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Removes what a failed test left behind in its folder (the test itself removes it over FTP).</summary>
    private static void RemoveLeftovers(FtpServerSettings s, string folder)
    {
        var path = Path.Combine(s.Home, folder);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [RequiresFtpServerFact]
    public async Task Login_AsUser_IsAuthenticatedAndWelcomeIsNotEmpty()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectUserAsync(s, cts.Token);

        Assert.True(client.IsAuthenticated);
        Assert.False(string.IsNullOrWhiteSpace(client.Welcome));
        Assert.Equal(220, client.WelcomeReply.Code);
        Assert.Contains("vsFTPd", client.Welcome, StringComparison.Ordinal);
    }

    [RequiresFtpServerFact]
    public async Task Login_Anonymous_IsAuthenticatedInItsChrootRoot()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(Options(s, FtpClientOptions.AnonymousUser, null), cts.Token);

        Assert.True(client.IsAuthenticated);
        Assert.Equal("/", await client.PwdAsync(cts.Token));
    }

    [RequiresFtpServerFact]
    public async Task Login_WrongPassword_ThrowsAuthenticationFailed()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();

        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => FtpClient.ConnectAsync(Options(s, s.User, s.Password + "-wrong"), cts.Token));

        Assert.Equal(530, e.Code);
    }

    [RequiresFtpServerFact]
    public async Task Feat_ListsWhatVsftpd303Advertises()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectUserAsync(s, cts.Token);

        var features = await client.FeatAsync(cts.Token);

        // vsftpd 3.0.3 with ssl_enable=YES (sslv2/sslv3 off) and utf8_filesystem=NO answers exactly:
        // 211-Features: AUTH TLS EPRT EPSV MDTM PASV PBSZ PROT REST STREAM SIZE TVFS, 211 End
        Assert.Equal(["AUTH", "EPRT", "EPSV", "MDTM", "PASV", "PBSZ", "PROT", "REST", "SIZE", "TVFS"], features.Features.Keys.Order(StringComparer.Ordinal));
        Assert.True(features.Size);
        Assert.True(features.Mdtm);
        Assert.True(features.Epsv);
        Assert.True(features.RestStream);
        Assert.False(features.Utf8);
        Assert.False(features.Mlst);
        Assert.True(features.AuthTls);
        Assert.Same(features, client.Features);
    }

    [RequiresFtpServerFact]
    public async Task Pwd_AfterLogin_IsTheUsersHome()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectUserAsync(s, cts.Token);

        Assert.Equal(s.Home.TrimEnd('/'), await client.PwdAsync(cts.Token));
    }

    [RequiresFtpServerFact]
    public async Task TypeModeStru_AreAccepted_AndTheSessionStaysInStep()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectUserAsync(s, cts.Token);

        await client.TypeAsync(FtpTransferType.Binary, cts.Token);
        await client.ModeStreamAsync(cts.Token);
        await client.StructureFileAsync(cts.Token);
        await client.TypeAsync(FtpTransferType.Ascii, cts.Token);

        Assert.Equal(s.Home.TrimEnd('/'), await client.PwdAsync(cts.Token));
    }

    [RequiresFtpServerFact]
    public async Task Mkd_Cwd_Pwd_Cdup_Rmd_MoveThroughANewFolder()
    {
        var s = FtpServerSettings.Require();
        var folder = UniqueName("dir");
        using var cts = Timeout();
        try
        {
            await using var client = await ConnectUserAsync(s, cts.Token);
            var home = await client.PwdAsync(cts.Token);

            var created = await client.MkdAsync(folder, cts.Token);
            Assert.Equal(home + "/" + folder, created);
            Assert.True(Directory.Exists(Path.Combine(s.Home, folder)));

            await client.CwdAsync(folder, cts.Token);
            Assert.Equal(created, await client.PwdAsync(cts.Token));

            await client.CdupAsync(cts.Token);
            Assert.Equal(home, await client.PwdAsync(cts.Token));

            await client.RmdAsync(folder, cts.Token);
            Assert.False(Directory.Exists(Path.Combine(s.Home, folder)));
        }
        finally
        {
            RemoveLeftovers(s, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task File_Size_Mdtm_Rename_Dele_OnAFileWrittenToDisk()
    {
        var s = FtpServerSettings.Require();
        var folder = UniqueName("file");
        using var cts = Timeout();
        try
        {
            await using var client = await ConnectUserAsync(s, cts.Token);
            await client.MkdAsync(folder, cts.Token);

            // The folder belongs to the FTP user (it made it), so it may rename and delete the
            // file in it whoever owns the file; 0644 lets it read the file too.
            var content = "hello vsftpd\nsecond line\n"u8.ToArray();
            var mtime = new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero);
            var onDisk = Path.Combine(s.Home, folder, "data.bin");
            await File.WriteAllBytesAsync(onDisk, content, cts.Token);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(onDisk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.SetLastWriteTimeUtc(onDisk, mtime.UtcDateTime);

            await client.TypeAsync(FtpTransferType.Binary, cts.Token);
            Assert.Equal(content.Length, await client.SizeAsync(folder + "/data.bin", cts.Token));
            var modified = await client.MdtmAsync(folder + "/data.bin", cts.Token);
            Assert.Equal(mtime, modified);
            Assert.Equal(TimeSpan.Zero, modified.Offset);

            await client.RenameAsync(folder + "/data.bin", folder + "/renamed.bin", cts.Token);
            Assert.False(File.Exists(onDisk));
            Assert.True(File.Exists(Path.Combine(s.Home, folder, "renamed.bin")));
            Assert.Equal(content.Length, await client.SizeAsync(folder + "/renamed.bin", cts.Token));

            await client.DeleAsync(folder + "/renamed.bin", cts.Token);
            Assert.False(File.Exists(Path.Combine(s.Home, folder, "renamed.bin")));

            await client.RmdAsync(folder, cts.Token);
            Assert.False(Directory.Exists(Path.Combine(s.Home, folder)));
        }
        finally
        {
            RemoveLeftovers(s, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Size_OfAMissingFile_ThrowsFileUnavailable550()
    {
        var s = FtpServerSettings.Require();
        var folder = UniqueName("missing");
        using var cts = Timeout();
        try
        {
            await using var client = await ConnectUserAsync(s, cts.Token);
            await client.MkdAsync(folder, cts.Token);

            var e = await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.SizeAsync(folder + "/no-such-file", cts.Token));

            Assert.Equal(550, e.Code);
            await client.NoopAsync(cts.Token); // still in step after the refusal
            await client.RmdAsync(folder, cts.Token);
        }
        finally
        {
            RemoveLeftovers(s, folder);
        }
    }

    [RequiresFtpServerFact]
    public async Task Quit_ClosesTheSession()
    {
        var s = FtpServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectUserAsync(s, cts.Token);
        Assert.True(client.IsConnected);

        await client.QuitAsync(cts.Token);

        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(cts.Token));
    }
}
