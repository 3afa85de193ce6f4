using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class SaslBase64Tests
{
    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("=", new byte[0])]
    [InlineData("VXNlcm5hbWU6", new byte[] { 0x55, 0x73, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x65, 0x3a })]
    [InlineData("AP8=", new byte[] { 0x00, 0xff })]
    public void TryDecode_Valid(string text, byte[] expected)
    {
        Assert.True(SaslBase64.TryDecode(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("VXNlcm5hbWU")]
    [InlineData("VXNl cm5h")]
    [InlineData("VXN*")]
    [InlineData("====")]
    public void TryDecode_Invalid_ReturnsFalse(string text) => Assert.False(SaslBase64.TryDecode(text, out _));

    [Fact]
    public void Encode_EmptyIsEmpty_ButInitialResponseIsEquals()
    {
        Assert.Equal("", SaslBase64.Encode([]));
        Assert.Equal("=", SaslBase64.EncodeInitialResponse([]));
        Assert.Equal("AHUAcA==", SaslBase64.EncodeInitialResponse("\0u\0p"u8.ToArray()));
    }
}
