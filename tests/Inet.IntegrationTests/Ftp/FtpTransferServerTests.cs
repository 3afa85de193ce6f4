using System.Security.Cryptography;
using System.Text;
using Inet.Ftp;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Ftp;

/// <summary>
/// Every command and transfer mode on every real FTP endpoint (vsftpd plain, active, explicit FTPS by IP
/// and by name with TLS session reuse required, implicit FTPS, ::1; pure-ftpd with TLS required, passive
/// and active). Each test works in a folder of its own made with MKD, removed at the end, and makes the
/// data it reads.
/// </summary>
public sealed class FtpTransferServerTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(60));

    private static string UniqueName(string what) => "inet-it-" + what + "-" + Guid.NewGuid().ToString("N")[..12];

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Connects, makes a fresh folder and changes into it; the folder goes when the returned scope is disposed.</summary>
    private static async Task<(FtpClient Client, string Folder)> ConnectInFolderAsync(FtpTarget target, string what, CancellationToken cancellationToken)
    {
        var client = await FtpClient.ConnectAsync(target.Options, cancellationToken);
        var folder = UniqueName(what);
        await client.MkdAsync(folder, cancellationToken);
        await client.CwdAsync(folder, cancellationToken);
        return (client, folder);
    }

    private static void RemoveFolder(FtpTarget target, string folder)
    {
        var path = Path.Combine(target.Home, folder);
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(FtpTargets.All), MemberType = typeof(FtpTargets))]
    public async Task UploadListDownloadRenameDelete_ByteExact(string name)
    {
        var target = FtpTargets.Get(name);
        using var cts = Timeout();
        var (client, folder) = await ConnectInFolderAsync(target, "roundtrip", cts.Token);
        try
        {
            await using var _ = client;
            var content = RandomBytes(3 * 1024 * 1024 + 17); // many TLS records: an upload cut short by an RST would show
            var up = await client.UploadAsync("data.bin", new MemoryStream(content), cancellationToken: cts.Token);
            Assert.Equal(content.Length, up.Bytes);
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(target.Home, folder, "data.bin"), cts.Token));

            var items = await client.ListAsync(cancellationToken: cts.Token).ToListAsync(cts.Token);
            var item = Assert.Single(items);
            Assert.Equal(("data.bin", FtpItemType.File, (long?)content.Length), (item.Name, item.Type, item.Size));
            Assert.Equal(["data.bin"], (await client.NlstAsync(cancellationToken: cts.Token).ToListAsync(cts.Token)).Where(n => n is not ("." or "..")).Select(Path.GetFileName));
            Assert.Equal(content.Length, await client.SizeAsync("data.bin", cts.Token));

            using var down = new MemoryStream();
            var result = await client.DownloadAsync("data.bin", down, cancellationToken: cts.Token);
            Assert.Equal(content.Length, result.Bytes);
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(down.ToArray()));

            await client.RenameAsync("data.bin", "renamed.bin", cts.Token);
            await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.DownloadAsync("data.bin", new MemoryStream(), cancellationToken: cts.Token));
            await client.DeleAsync("renamed.bin", cts.Token);
            Assert.Empty(await client.ListAsync(cancellationToken: cts.Token).ToListAsync(cts.Token));
            await client.CdupAsync(cts.Token);
            await client.RmdAsync(folder, cts.Token);
            Assert.False(Directory.Exists(Path.Combine(target.Home, folder)));
            await client.QuitAsync(cts.Token);
        }
        finally
        {
            RemoveFolder(target, folder);
        }
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(FtpTargets.All), MemberType = typeof(FtpTargets))]
    public async Task ResumeDownloadAndUpload_WithRestAndAppend(string name)
    {
        var target = FtpTargets.Get(name);
        using var cts = Timeout();
        var (client, folder) = await ConnectInFolderAsync(target, "resume", cts.Token);
        try
        {
            await using var _ = client;
            var content = RandomBytes(1_000_000);
            // Upload in two goes: the first 400 000 bytes, then REST 400000 + STOR with the rest.
            await client.UploadAsync("r.bin", new MemoryStream(content, 0, 400_000), cancellationToken: cts.Token);
            await client.UploadAsync("r.bin", new MemoryStream(content, 400_000, 600_000), offset: 400_000, cancellationToken: cts.Token);
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(target.Home, folder, "r.bin"), cts.Token));

            // Download from 700 000 on: exactly the tail.
            using var tail = new MemoryStream();
            var result = await client.DownloadAsync("r.bin", tail, offset: 700_000, cancellationToken: cts.Token);
            Assert.Equal(300_000, result.Bytes);
            Assert.Equal(content.AsSpan(700_000).ToArray(), tail.ToArray());

            // APPE adds to the end; the size is checked before and after.
            await client.AppendAsync("r.bin", new MemoryStream("tail"u8.ToArray()), cancellationToken: cts.Token);
            Assert.Equal(1_000_004, await client.SizeAsync("r.bin", cts.Token));
            await client.QuitAsync(cts.Token);
        }
        finally
        {
            RemoveFolder(target, folder);
        }
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(FtpTargets.All), MemberType = typeof(FtpTargets))]
    public async Task AsciiRoundTrip_AndAbortKeepsSessionUsable(string name)
    {
        var target = FtpTargets.Get(name);
        using var cts = Timeout();
        var (client, folder) = await ConnectInFolderAsync(target, "ascii", cts.Token);
        try
        {
            await using var _ = client;
            var text = "line one\nline two\n\nlast line without end";
            await client.UploadAsync("t.txt", new MemoryStream(Encoding.UTF8.GetBytes(text)), type: FtpTransferType.Ascii, cancellationToken: cts.Token);
            using var back = new MemoryStream();
            await client.DownloadAsync("t.txt", back, type: FtpTransferType.Ascii, cancellationToken: cts.Token);
            Assert.Equal(text, Encoding.UTF8.GetString(back.ToArray()));
            Assert.Equal(["line one", "line two", "", "last line without end"], await client.RetrieveLinesAsync("RETR t.txt", cts.Token).ToListAsync(cts.Token));

            // A download stopped early: ABOR, and the session goes on in step.
            await File.WriteAllBytesAsync(Path.Combine(target.Home, folder, "big.bin"), RandomBytes(32 * 1024 * 1024), cts.Token);
            await using (var stream = await client.OpenReadAsync("big.bin", cancellationToken: cts.Token))
            {
                var buffer = new byte[64 * 1024];
                Assert.True(await stream.ReadAsync(buffer, cts.Token) > 0);
            }
            Assert.True(client.IsConnected);
            Assert.EndsWith(folder, await client.PwdAsync(cts.Token), StringComparison.Ordinal);
            Assert.Equal(32 * 1024 * 1024, await client.SizeAsync("big.bin", cts.Token));
            await client.QuitAsync(cts.Token);
        }
        finally
        {
            RemoveFolder(target, folder);
        }
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(FtpTargets.All), MemberType = typeof(FtpTargets))]
    public async Task TimesAndUniqueNames_MdtmMfmtStou(string name)
    {
        var target = FtpTargets.Get(name);
        using var cts = Timeout();
        var (client, folder) = await ConnectInFolderAsync(target, "times", cts.Token);
        try
        {
            await using var _ = client;
            await client.UploadAsync("m.txt", new MemoryStream("x"u8.ToArray()), cancellationToken: cts.Token);
            var features = await client.FeaturesAsync(cts.Token);
            var when = new DateTimeOffset(2021, 6, 7, 8, 9, 10, TimeSpan.Zero);
            if (features.Mfmt)
            {
                await client.MfmtAsync("m.txt", when, cts.Token);
                Assert.Equal(when, await client.MdtmAsync("m.txt", cts.Token));
                Assert.Equal(when.UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(target.Home, folder, "m.txt")));
            }
            else
            {
                var mdtm = await client.MdtmAsync("m.txt", cts.Token);
                Assert.InRange(mdtm, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
            }
            var unique = await client.UploadUniqueAsync(new MemoryStream("unique"u8.ToArray()), cancellationToken: cts.Token);
            var files = Directory.GetFiles(Path.Combine(target.Home, folder)).Select(Path.GetFileName).Where(f => f != "m.txt").ToList();
            var stored = Assert.Single(files);
            if (unique.RemoteName is { } remote)
                Assert.Equal(stored, Path.GetFileName(remote));
            await client.QuitAsync(cts.Token);
        }
        finally
        {
            RemoveFolder(target, folder);
        }
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(FtpTargets.All), MemberType = typeof(FtpTargets))]
    public async Task List_ShowsDotFiles(string name)
    {
        var target = FtpTargets.Get(name);
        using var cts = Timeout();
        var (client, folder) = await ConnectInFolderAsync(target, "dots", cts.Token);
        try
        {
            await using var _ = client;
            await client.UploadAsync(".hidden", new MemoryStream("h"u8.ToArray()), cancellationToken: cts.Token);
            await client.UploadAsync("shown", new MemoryStream("s"u8.ToArray()), cancellationToken: cts.Token);

            var names = (await client.ListAsync(cancellationToken: cts.Token).ToListAsync(cts.Token)).Select(i => i.Name).Order(StringComparer.Ordinal);

            Assert.Equal([".hidden", "shown"], names);
            await client.QuitAsync(cts.Token);
        }
        finally
        {
            RemoveFolder(target, folder);
        }
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(FtpTargets.All), MemberType = typeof(FtpTargets))]
    public async Task ControlCommands_SystFeatOptsNoopStatHelpTypeModeStru(string name)
    {
        var target = FtpTargets.Get(name);
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(target.Options, cts.Token);

        Assert.Contains("UNIX", await client.SystAsync(cts.Token), StringComparison.OrdinalIgnoreCase);
        var features = await client.FeatAsync(cts.Token);
        Assert.True(features.Epsv && features.Size && features.Mdtm);
        if (features.Utf8)
        {
            // pure-ftpd lists UTF8 in FEAT yet answers OPTS UTF8 ON with 504 (RFC 2640 needs only the FEAT line).
            try
            {
                await client.OptsUtf8Async(cts.Token);
            }
            catch (FtpPermanentException e) when (name.StartsWith("pure", StringComparison.Ordinal) && e.Code == 504)
            {
            }
        }
        await client.NoopAsync(cts.Token);
        Assert.InRange((await client.StatAsync(cancellationToken: cts.Token)).Code, 211, 213);
        Assert.InRange((await client.HelpAsync(cancellationToken: cts.Token)).Code, 211, 214);
        await client.TypeAsync(FtpTransferType.Ascii, cts.Token);
        await client.TypeAsync(FtpTransferType.Binary, cts.Token);
        await client.ModeStreamAsync(cts.Token);
        await client.StructureFileAsync(cts.Token);
        var home = await client.PwdAsync(cts.Token);
        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => client.CwdAsync("no-such-folder-" + Guid.NewGuid().ToString("N"), cts.Token));
        Assert.Equal(home, await client.PwdAsync(cts.Token));
        Assert.Equal(client.IsSecure, name.Contains("explicit", StringComparison.Ordinal) || name.Contains("implicit", StringComparison.Ordinal) || name.StartsWith("pure", StringComparison.Ordinal));
        Assert.Equal(client.IsSecure, client.IsDataProtected);
        await client.QuitAsync(cts.Token);
        Assert.False(client.IsConnected);
    }
}
