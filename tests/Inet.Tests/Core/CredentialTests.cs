using Inet.Core;

namespace Inet.Tests.Core;

public class CredentialTests
{
    private static readonly Dictionary<string, (int, bool)> Schemes = new() { ["nntp"] = (119, false), ["nntps"] = (563, true) };

    [Fact]
    public void ServerAddress_ParsesUserPasswordPortAndPath()
    {
        var a = ServerAddress.Parse("nntps://joe:p%40ss@news.example.com:5563/alt.test", Schemes);
        Assert.Equal(("nntps", "news.example.com", 5563, true, "joe", "p@ss", "alt.test"), (a.Scheme, a.Host, a.Port, a.ImplicitTls, a.User, a.Password, a.Path));
    }

    [Fact]
    public void ServerAddress_DefaultPortAndIpv6()
    {
        var a = ServerAddress.Parse("nntp://[::1]", Schemes);
        Assert.Equal(("::1", 119, false), (a.Host, a.Port, a.ImplicitTls));
    }

    [Fact]
    public void ServerAddress_UnknownScheme_Throws() =>
        Assert.Throws<FormatException>(() => ServerAddress.Parse("http://x", Schemes));

    [Fact]
    public void Netrc_FindsMachineThenDefault()
    {
        const string text = "# comment\nmachine news.a.com login joe password secret\ndefault login anon password guest\n";
        Assert.Equal(("joe", "secret"), Netrc.Find(text, "NEWS.A.COM"));
        Assert.Equal(("anon", "guest"), Netrc.Find(text, "other"));
        Assert.Null(Netrc.Find("machine x login y password z", "other"));
    }

    [Fact]
    public void Resolve_PrefersUrlThenFileThenEnvThenNetrc()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var pwFile = Path.Combine(dir.FullName, "pw");
            File.WriteAllText(pwFile, "from-file\nignored");
            var netrc = Path.Combine(dir.FullName, "netrc");
            File.WriteAllText(netrc, "machine h login joe password from-netrc");
            var withPw = ServerAddress.Parse("nntp://joe:url@h", Schemes);
            var noPw = ServerAddress.Parse("nntp://joe@h", Schemes);
            Assert.Equal("url", CredentialResolver.Resolve(withPw, pwFile, netrcPath: netrc).Password);
            Assert.Equal("from-file", CredentialResolver.Resolve(noPw, pwFile, netrcPath: netrc).Password);
            Environment.SetEnvironmentVariable("INET_TEST_PW_VAR", "from-env");
            Assert.Equal("from-env", CredentialResolver.Resolve(noPw, null, "INET_TEST_PW_VAR", netrc).Password);
            Assert.Equal(("joe", "from-netrc"), CredentialResolver.Resolve(ServerAddress.Parse("nntp://h", Schemes), netrcPath: netrc));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
