using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Inet.Cli.Ftp;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Cli;

/// <summary>
/// <c>inet ftp</c> against the real servers: vsftpd plain, explicit FTPS (ftps://), implicit FTPS
/// (--implicit-tls), pure-ftpd (TLS required). Every verb, its output and its exit code.
/// </summary>
public sealed class FtpCliServerTests
{
    public static IEnumerable<object[]> Targets() =>
        new[] { "vsftpd-plain", "vsftpd-explicit", "vsftpd-implicit", "pure-ftpd" }.Select(n => new object[] { n });

    private sealed record Target(string BaseUrl, string[] Options, string Home);

    private static Target Get(string name)
    {
        if (name == "pure-ftpd")
        {
            var p = PureFtpdServerSettings.Require();
            return new Target($"ftps://{p.User}:{p.Password}@{p.Host}:{p.Port}/", ["--ca-file", p.CaFile], p.Home);
        }
        var s = FtpServerSettings.Require(name == "vsftpd-plain" ? FtpTestEndpoint.Plain : FtpTestEndpoint.ImplicitTls);
        return name switch
        {
            "vsftpd-plain" => new Target($"ftp://{s.User}:{s.Password}@{s.Host}:{s.Port}/", [], s.Home),
            "vsftpd-explicit" => new Target($"ftps://{s.User}:{s.Password}@{s.Host}:{s.Port}/", ["--ca-file", s.CaFile!], s.Home),
            _ => new Target($"ftps://{s.User}:{s.Password}@{s.Host}:{s.ImplicitPort}/", ["--implicit-tls", "--ca-file", s.CaFile!], s.Home),
        };
    }

    private static async Task<(int Code, string Output, string Error)> Inet(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(FtpCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["ftp", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertExit(int expected, (int Code, string Output, string Error) result) =>
        Assert.True(result.Code == expected, $"expected exit {expected}, got {result.Code}: {result.Error}");

    [RequiresFtpServersTheory]
    [MemberData(nameof(Targets))]
    public async Task EveryVerb_AgainstTheServer(string name)
    {
        var t = Get(name);
        var folder = "inet-cli-" + Guid.NewGuid().ToString("N")[..12];
        var local = Directory.CreateTempSubdirectory("inet-ftp-cli-").FullName;
        try
        {
            var content = new byte[2_500_000];
            Random.Shared.NextBytes(content);
            var source = Path.Combine(local, "source.bin");
            await File.WriteAllBytesAsync(source, content);

            AssertExit(ExitCodes.Ok, await Inet(["mkdir", t.BaseUrl + folder + "/", .. t.Options]));
            AssertExit(ExitCodes.Ok, await Inet(["put", source, t.BaseUrl + folder + "/", .. t.Options]));
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(t.Home, folder, "source.bin")));

            var ls = await Inet(["ls", t.BaseUrl + folder + "/", "--json", .. t.Options]);
            AssertExit(ExitCodes.Ok, ls);
            var entry = Assert.Single(JsonDocument.Parse(ls.Output).RootElement.EnumerateArray());
            Assert.Equal("source.bin", entry.GetProperty("name").GetString());
            Assert.Equal(content.Length, entry.GetProperty("size").GetInt64());

            var target = Path.Combine(local, "copy.bin");
            AssertExit(ExitCodes.Ok, await Inet(["get", t.BaseUrl + folder + "/source.bin", "-o", target, .. t.Options]));
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(target)));
            var flushed = Path.Combine(local, "flushed.bin"); // --fsync: flushed to disk before it takes its name
            AssertExit(ExitCodes.Ok, await Inet(["get", t.BaseUrl + folder + "/source.bin", "-o", flushed, "--fsync", .. t.Options]));
            Assert.Equal(content, await File.ReadAllBytesAsync(flushed));

            // Resume: a partial of the first 1 000 000 bytes is continued to the whole file.
            var partial = Path.Combine(local, "partial.bin");
            await File.WriteAllBytesAsync(partial, content.AsSpan(0, 1_000_000).ToArray());
            AssertExit(ExitCodes.Ok, await Inet(["get", t.BaseUrl + folder + "/source.bin", "-o", partial, "-c", .. t.Options]));
            Assert.Equal(content, await File.ReadAllBytesAsync(partial));

            var missing = Path.Combine(local, "missing.bin");
            AssertExit(ExitCodes.ServerRefused, await Inet(["get", t.BaseUrl + folder + "/nothing.bin", "-o", missing, .. t.Options]));
            Assert.False(File.Exists(missing));

            AssertExit(ExitCodes.Ok, await Inet(["mv", t.BaseUrl + folder + "/source.bin", folder + "/moved.bin", .. t.Options]));
            Assert.True(File.Exists(Path.Combine(t.Home, folder, "moved.bin")));
            AssertExit(ExitCodes.Ok, await Inet(["rm", t.BaseUrl + folder + "/moved.bin", .. t.Options]));
            AssertExit(ExitCodes.Ok, await Inet(["rmdir", t.BaseUrl + folder + "/", .. t.Options]));
            Assert.False(Directory.Exists(Path.Combine(t.Home, folder)));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
            if (Directory.Exists(Path.Combine(t.Home, folder)))
                Directory.Delete(Path.Combine(t.Home, folder), recursive: true);
        }
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(Targets))]
    public async Task WrongPassword_Exit4(string name)
    {
        var t = Get(name);
        var url = t.BaseUrl.Replace(":ftppass@", ":wrong@", StringComparison.Ordinal).Replace(":vpass@", ":wrong@", StringComparison.Ordinal);
        Assert.NotEqual(t.BaseUrl, url);

        var result = await Inet(["ls", url, .. t.Options]);

        AssertExit(ExitCodes.Network, result);
        Assert.DoesNotContain("wrong", result.Error, StringComparison.Ordinal);
    }

    [RequiresFtpServersTheory]
    [MemberData(nameof(Targets))]
    public async Task Mirror_ReverseUpThenDown_SecondRunMovesNothing(string name)
    {
        var t = Get(name);
        var folder = "inet-mirror-" + Guid.NewGuid().ToString("N")[..12];
        var local = Directory.CreateTempSubdirectory("inet-ftp-mirror-").FullName;
        try
        {
            var up = Path.Combine(local, "up");
            var files = new Dictionary<string, byte[]>();
            for (var i = 0; i < 30; i++)
            {
                var relative = Path.Combine($"d{i % 3}", i % 2 == 0 ? "even" : "", $"file {i}.bin");
                var bytes = new byte[1000 * i + 1];
                Random.Shared.NextBytes(bytes);
                files[relative] = bytes;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(up, relative))!);
                await File.WriteAllBytesAsync(Path.Combine(up, relative), bytes);
            }
            var url = t.BaseUrl + folder + "/";
            AssertExit(ExitCodes.Ok, await Inet(["mkdir", url, .. t.Options]));

            AssertExit(ExitCodes.Ok, await Inet(["mirror", url, up, "--reverse", "--parallel", "3", .. t.Options]));
            foreach (var (relative, bytes) in files)
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(t.Home, folder, relative)));

            var down = Path.Combine(local, "down");
            var first = await Inet(["mirror", url, down, "--parallel", "4", "--json", .. t.Options]);
            AssertExit(ExitCodes.Ok, first);
            Assert.Equal(files.Count, JsonDocument.Parse(first.Output).RootElement.GetProperty("transferred").GetArrayLength());
            foreach (var (relative, bytes) in files)
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(down, relative)));

            var times = Directory.GetFiles(down, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
            var second = await Inet(["mirror", url, down, "--json", .. t.Options]);
            AssertExit(ExitCodes.Ok, second);
            Assert.Equal(0, JsonDocument.Parse(second.Output).RootElement.GetProperty("transferred").GetArrayLength());
            Assert.Equal(times, Directory.GetFiles(down, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

            var again = await Inet(["mirror", url, up, "--reverse", "--json", .. t.Options]);
            AssertExit(ExitCodes.Ok, again);
            Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("transferred").GetArrayLength());
        }
        finally
        {
            Directory.Delete(local, recursive: true);
            if (Directory.Exists(Path.Combine(t.Home, folder)))
                Directory.Delete(Path.Combine(t.Home, folder), recursive: true);
        }
    }
}
