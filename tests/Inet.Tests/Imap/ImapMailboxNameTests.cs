using Inet.Imap;

namespace Inet.Tests.Imap;

public class ImapMailboxNameTests
{
    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Entwürfe", "Entw&APw-rfe")]
    [InlineData("&", "&-")]
    [InlineData("Tom & Jerry", "Tom &- Jerry")]
    [InlineData("台北", "&U,BTFw-")]
    [InlineData("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [InlineData("Gelöschte Elemente", "Gel&APY-schte Elemente")]
    [InlineData("😀", "&2D3eAA-")]
    [InlineData("", "")]
    public void EncodeDecode_RoundTrip(string name, string encoded)
    {
        Assert.Equal(encoded, ImapMailboxName.Encode(name));
        Assert.Equal(name, ImapMailboxName.Decode(encoded));
    }

    [Theory]
    [InlineData("&U,BTFw")]      // no closing "-"
    [InlineData("&U/BTFw-")]     // "/" is not modified base64
    [InlineData("&AGE-")]        // encodes printable "a"
    [InlineData("&A-")]          // impossible length
    public void Decode_Malformed_ReturnsInputUnchanged(string encoded)
    {
        Assert.False(ImapMailboxName.TryDecode(encoded, out _));
        Assert.Equal(encoded, ImapMailboxName.Decode(encoded));
    }

    [Fact]
    public void Decode_RawUtf8FromUtf8AcceptServer_IsKept() =>
        Assert.Equal("Entwürfe", ImapMailboxName.Decode("Entwürfe"));
}
