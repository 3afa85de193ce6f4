using System.Text;
using Inet.Ftp;
using Inet.Ftp.Mirror;

namespace Inet.Tests.Ftp;

/// <summary>The mirror's name rules on their own: which listed names may become files, and the partial names.</summary>
public class FtpMirrorNamesTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "inet-names");

    [Theory]
    [InlineData("notes.txt")]
    [InlineData(".hidden")]
    [InlineData("with space & semi;colon")]
    [InlineData("ünïcødé 文件.txt")]
    [InlineData("-leading-dash")]
    [InlineData("...dots")]
    public void Check_OrdinaryNames_Accepted(string name) => Assert.Null(MirrorNames.Check(Folder, name));

    [Theory]
    [InlineData("", FtpMirrorSkipReason.UnsafeName)]
    [InlineData(".", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("..", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("../evil", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("/etc/passwd", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("sub/../../x", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("c:\\windows", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("a\r\nb", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("a\0b", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("esc\u001b[2J", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("a\u2215b", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("invoice\u202Efdp.exe", FtpMirrorSkipReason.UnsafeName)]
    [InlineData("movie.mkv.inet-part", FtpMirrorSkipReason.ReservedName)]
    [InlineData(".movie.mkv.INET-PART", FtpMirrorSkipReason.ReservedName)]
    public void Check_UnsafeNames_Refused(string name, FtpMirrorSkipReason reason) =>
        Assert.Equal(reason, MirrorNames.Check(Folder, name)?.Reason);

    [Fact]
    public void Check_NameOver255Bytes_Refused()
    {
        Assert.NotNull(MirrorNames.Check(Folder, new string('é', 128))); // 256 UTF-8 bytes
        Assert.Null(MirrorNames.Check(Folder, new string('é', 127)));
    }

    [Fact]
    public void Partial_HiddenWithSuffix()
    {
        Assert.Equal(".big.bin.inet-part", MirrorNames.Partial("big.bin"));
        Assert.Equal("..hidden.inet-part", MirrorNames.Partial(".hidden"));
    }

    [Fact]
    public void Partial_LongNamesThatStartAlike_StayApartAndFit()
    {
        var a = MirrorNames.Partial(new string('x', 250) + "a");
        var b = MirrorNames.Partial(new string('x', 250) + "b");

        Assert.NotEqual(a, b);
        Assert.All([a, b], p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 255));
        Assert.All([a, b], p => Assert.EndsWith(".inet-part", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/pub/../../x", "/x")]
    [InlineData("/pub/./a/../b", "/pub/b")]
    [InlineData("/", "/")]
    [InlineData("/pub/sub/", "/pub/sub")]
    public void Normalize_DotsWorkedOutByText(string path, string expected) => Assert.Equal(expected, MirrorNames.Normalize(path));

    [Theory]
    [InlineData("/pub/a", "/pub", true)]
    [InlineData("/pub", "/pub", true)]
    [InlineData("/public", "/pub", false)]
    [InlineData("/etc", "/", true)]
    public void IsSameOrInside(string path, string folder, bool expected) => Assert.Equal(expected, MirrorNames.IsSameOrInside(path, folder));
}
