using Inet.News;

namespace Inet.Tests.News;

public class SubjectParserTests
{
    [Theory]
    [InlineData("\"name.ext\" yEnc (1/3)", "name.ext", 1, 3, null, null)]
    [InlineData("[01/10] - \"name.ext\"", "name.ext", null, null, 1, 10)]
    [InlineData("My post [03/15] - \"movie.part03.rar\" yEnc (12/137) 96000000", "movie.part03.rar", 12, 137, 3, 15)]
    [InlineData("Here's your file!  abc-mr2a.r01 (1/2)", "abc-mr2a.r01", 1, 2, null, null)]
    [InlineData("archive.7z", "archive.7z", null, null, null, null)]
    [InlineData("some words (2/2) with (5/9)", null, 5, 9, null, null)]
    [InlineData("\"\" then \"real name.bin\" yEnc (1/1)", "real name.bin", 1, 1, null, null)]
    [InlineData("no file here at all", null, null, null, null, null)]
    [InlineData("\"  spaced.txt  \" yEnc ( 4 / 7 )", "spaced.txt", 4, 7, null, null)]
    public void Parse_KnownShapes_FindsNameAndCounters(string subject, string? name, int? part, int? total, int? fileNumber, int? fileCount)
    {
        var parsed = SubjectParser.Parse(subject);
        Assert.Equal(name, parsed.FileName);
        Assert.Equal(part, parsed.Part);
        Assert.Equal(total, parsed.TotalParts);
        Assert.Equal(fileNumber, parsed.FileNumber);
        Assert.Equal(fileCount, parsed.FileCount);
    }

    [Theory]
    [InlineData("\"../../etc/passwd\" yEnc (1/1)", "../../etc/passwd")]
    [InlineData("[1/1] \"..\\..\\boot.ini\" yEnc (1/1)", "..\\..\\boot.ini")]
    [InlineData("\"/abs/path.bin\" yEnc (1/2)", "/abs/path.bin")]
    public void Parse_TraversalNames_ReportedRawForSafeFileNameToHandle(string subject, string expected)
    {
        // The parser must not silently "fix" names: callers need to see and sanitise what was posted.
        Assert.Equal(expected, SubjectParser.Parse(subject).FileName);
    }

    [Fact]
    public void Parse_NullEmptyAndHugeInputs_DoNotThrow()
    {
        Assert.Null(SubjectParser.Parse(null).FileName);
        Assert.Null(SubjectParser.Parse("   ").Part);
        var huge = new string('(', 100_000) + "\"x.bin\"";
        Assert.Null(SubjectParser.Parse(huge).FileName); // beyond the inspected prefix
    }

    [Fact]
    public void Parse_CounterOverflow_IsIgnored()
    {
        var parsed = SubjectParser.Parse("\"a.bin\" yEnc (99999999999/3)");
        Assert.Equal("a.bin", parsed.FileName);
        Assert.Null(parsed.Part);
    }
}
