using Inet.Imap;

namespace Inet.Tests.Imap;

public class ImapQuotingTests
{
    [Theory]
    [InlineData("INBOX", ImapArgumentForm.Atom, "INBOX")]
    [InlineData("Sent.2024", ImapArgumentForm.Atom, "Sent.2024")]
    [InlineData("", ImapArgumentForm.Quoted, "\"\"")]
    [InlineData("NIL", ImapArgumentForm.Quoted, "\"NIL\"")]
    [InlineData("Sent Mail", ImapArgumentForm.Quoted, "\"Sent Mail\"")]
    [InlineData("a\"b\\c", ImapArgumentForm.Quoted, "\"a\\\"b\\\\c\"")]
    [InlineData("[Gmail]", ImapArgumentForm.Quoted, "\"[Gmail]\"")]
    [InlineData("50%", ImapArgumentForm.Quoted, "\"50%\"")]
    [InlineData("x(y)", ImapArgumentForm.Quoted, "\"x(y)\"")]
    [InlineData("line\r\nbreak", ImapArgumentForm.Literal, null)]
    [InlineData("nul\0", ImapArgumentForm.Literal, null)]
    [InlineData("pässword", ImapArgumentForm.Literal, null)]
    public void Classify_ChoosesTheForm(string value, ImapArgumentForm form, string? formatted)
    {
        Assert.Equal(form, ImapQuoting.Classify(value));
        Assert.Equal(formatted is not null, ImapQuoting.TryFormat(value, out var actual));
        Assert.Equal(formatted, actual);
    }

    [Fact]
    public void Classify_Utf8Accepted_QuotesEightBit()
    {
        Assert.True(ImapQuoting.TryFormat("pässword", out var quoted, utf8Accepted: true));
        Assert.Equal("\"pässword\"", quoted);
        Assert.Equal(ImapArgumentForm.Literal, ImapQuoting.Classify("a\nb", utf8Accepted: true));
    }

    [Fact]
    public void Quote_WithLineBreak_Throws() =>
        Assert.Throws<ArgumentException>(() => ImapQuoting.Quote("a\r\nb"));

    [Fact]
    public void LiteralHeader_CountsUtf8Bytes()
    {
        Assert.Equal("{9}", ImapQuoting.LiteralHeader("pässword"));
        Assert.Equal("{4+}", ImapQuoting.LiteralHeader("a\r\nb", nonSynchronizing: true));
    }
}
