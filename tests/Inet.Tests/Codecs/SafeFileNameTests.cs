using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Inet.Codecs;

namespace Inet.Tests.Codecs;

public sealed class SafeFileNameTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-safename-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\system32\\evil.dll", "evil.dll")]
    [InlineData("/etc/shadow", "shadow")]
    [InlineData("\\\\server\\share\\file.bin", "file.bin")]
    [InlineData("C:\\Windows\\win.ini", "win.ini")]
    [InlineData("C:evil.exe", "evil.exe")]
    [InlineData("dir/sub/", "sub")]
    [InlineData("a/../b.txt", "b.txt")]
    [InlineData("good.txt/..", "good.txt")]
    [InlineData("plain name.rar", "plain name.rar")]
    [InlineData("Ünïcødé файл.zip", "Ünïcødé файл.zip")]
    public void Sanitize_DropsDirectoryParts(string input, string expected) =>
        Assert.Equal(expected, SafeFileName.Sanitize(input));

    [Theory]
    [InlineData("a\0b.txt", "ab.txt")]
    [InlineData("line\r\nbreak.txt", "linebreak.txt")]
    [InlineData("esc\u001b[31m.txt", "esc[31m.txt")]
    [InlineData("del\u007f.txt", "del.txt")]
    [InlineData("txt.\u202Eexe", "txt.exe")]
    [InlineData("what?*<>|\".txt", "what______.txt")]
    [InlineData("file.txt:stream", "file.txt_stream")]
    [InlineData("..\uFF0F..\uFF0Fetc\u2215passwd", "_.._etc_passwd")]
    public void Sanitize_RemovesControlAndReplacesReservedCharacters(string input, string expected) =>
        Assert.Equal(expected, SafeFileName.Sanitize(input));

    [Theory]
    [InlineData("CON", "_CON")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("Prn.tar.gz", "_Prn.tar.gz")]
    [InlineData("AUX", "_AUX")]
    [InlineData("nul.", "_nul")]
    [InlineData("COM1.log", "_COM1.log")]
    [InlineData("com9", "_com9")]
    [InlineData("LPT1", "_LPT1")]
    [InlineData("lpt5.anything.here", "_lpt5.anything.here")]
    [InlineData("CON .txt", "_CON .txt")]
    [InlineData("COM\u00B9", "_COM\u00B9")]
    public void Sanitize_PrefixesReservedDeviceNames(string input, string expected) =>
        Assert.Equal(expected, SafeFileName.Sanitize(input));

    [Theory]
    [InlineData("CONSOLE.txt")]
    [InlineData("COM10")]
    [InlineData("LPT")]
    [InlineData("nullable.cs")]
    public void Sanitize_KeepsNamesThatOnlyLookReserved(string input) =>
        Assert.Equal(input, SafeFileName.Sanitize(input));

    [Theory]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("...hidden", "hidden")]
    [InlineData("name.txt. . .", "name.txt")]
    [InlineData("trailing   ", "trailing")]
    [InlineData("  leading", "leading")]
    public void Sanitize_TrimsHidingAndTrailingDotsAndSpaces(string input, string expected) =>
        Assert.Equal(expected, SafeFileName.Sanitize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("....")]
    [InlineData("/")]
    [InlineData("\\..\\")]
    [InlineData("C:")]
    [InlineData("\0\0\0")]
    [InlineData(" . ")]
    public void Sanitize_EmptyResult_UsesFallback(string? input)
    {
        Assert.Equal(SafeFileName.DefaultFallback, SafeFileName.Sanitize(input));
        Assert.Equal("part-7.bin", SafeFileName.Sanitize(input, "part-7.bin"));
    }

    [Fact]
    public void Sanitize_HostileFallback_IsSanitizedToo() =>
        Assert.Equal("x", SafeFileName.Sanitize("..", "../x"));

    [Fact]
    public void Sanitize_OverlongName_IsCutToMaxBytesAndKeepsExtension()
    {
        var name = new string('a', 400) + ".part01.rar";
        var safe = SafeFileName.Sanitize(name);
        Assert.Equal(SafeFileName.MaxNameBytes, Encoding.UTF8.GetByteCount(safe));
        Assert.EndsWith("a.part01.rar", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_OverlongMultibyteName_CutsOnRuneBoundary()
    {
        var name = string.Concat(Enumerable.Repeat("日本😀", 100)) + ".mkv";
        var safe = SafeFileName.Sanitize(name);
        Assert.True(Encoding.UTF8.GetByteCount(safe) <= SafeFileName.MaxNameBytes);
        Assert.EndsWith(".mkv", safe, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(safe)));
    }

    [Fact]
    public void Sanitize_LoneSurrogate_IsReplaced() =>
        Assert.Equal("a_b", SafeFileName.Sanitize("a\uD800b"));

    [Fact]
    public void Resolve_ReturnsPathDirectlyInsideFolder()
    {
        var path = SafeFileName.Resolve(_dir, "../../../../tmp/x.bin");
        Assert.Equal(Path.Combine(_dir, "x.bin"), path);
    }

    [Fact]
    public void Resolve_FolderWithTrailingSeparatorOrRelativeParts_GivesSamePath()
    {
        var expected = Path.Combine(_dir, "a.bin");
        Assert.Equal(expected, SafeFileName.Resolve(_dir + Path.DirectorySeparatorChar, "a.bin"));
        Assert.Equal(expected, SafeFileName.Resolve(Path.Combine(_dir, "sub", ".."), "a.bin"));
    }

    [Fact]
    public void IsDirectChild_RejectsParentSiblingNestedAndTheFolderItself()
    {
        Assert.True(SafeFileName.IsDirectChild(_dir, Path.Combine(_dir, "x")));
        Assert.False(SafeFileName.IsDirectChild(_dir, Path.Combine(_dir, "..", "x")));
        Assert.False(SafeFileName.IsDirectChild(_dir, _dir + "-sibling" + Path.DirectorySeparatorChar + "x"));
        Assert.False(SafeFileName.IsDirectChild(_dir, Path.Combine(_dir, "a", "b")));
        Assert.False(SafeFileName.IsDirectChild(_dir, _dir + Path.DirectorySeparatorChar));
        Assert.False(SafeFileName.IsDirectChild(_dir, Path.Combine(_dir, "..", Path.GetFileName(_dir))));
    }

    [Fact]
    public void ResolveUnique_PicksNumberedNameWhenTaken()
    {
        File.WriteAllText(Path.Combine(_dir, "movie.mkv"), "x");
        File.WriteAllText(Path.Combine(_dir, "movie (1).mkv"), "x");
        Assert.Equal(Path.Combine(_dir, "movie (2).mkv"), SafeFileName.ResolveUnique(_dir, "movie.mkv"));
        Assert.Equal(Path.Combine(_dir, "other.mkv"), SafeFileName.ResolveUnique(_dir, "other.mkv"));
    }

    [Fact]
    public void ResolveUnique_DanglingSymlinkCountsAsTaken()
    {
        var link = Path.Combine(_dir, "trap.txt");
        File.CreateSymbolicLink(link, Path.Combine(Path.GetTempPath(), "inet-does-not-exist-" + Guid.NewGuid()));
        Assert.Equal(Path.Combine(_dir, "trap (1).txt"), SafeFileName.ResolveUnique(_dir, "trap.txt"));
    }

    [Fact]
    public void WithNumber_OnMaxLengthName_StaysWithinLimit()
    {
        var safe = SafeFileName.Sanitize(new string('b', 300) + ".zip");
        var numbered = SafeFileName.WithNumber(safe, 12345);
        Assert.True(Encoding.UTF8.GetByteCount(numbered) <= SafeFileName.MaxNameBytes);
        Assert.EndsWith(" (12345).zip", numbered, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAffixes_OnMaxLengthName_StaysWithinLimit()
    {
        var safe = SafeFileName.Sanitize(new string('c', 300));
        var temp = SafeFileName.WithAffixes(safe, ".", ".inet-part");
        Assert.Equal(SafeFileName.MaxNameBytes, Encoding.UTF8.GetByteCount(temp));
        Assert.StartsWith(".c", temp, StringComparison.Ordinal);
        Assert.EndsWith("c.inet-part", temp, StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public bool Resolve_AnyString_StaysInsideFolder(string? name)
    {
        var path = SafeFileName.Resolve(_dir, name);
        var leaf = Path.GetFileName(path);
        return SafeFileName.IsDirectChild(_dir, path)
            && string.Equals(Path.GetDirectoryName(path), _dir, StringComparison.Ordinal)
            && leaf.Length > 0 && leaf[0] != '.'
            && Encoding.UTF8.GetByteCount(leaf) <= SafeFileName.MaxNameBytes
            && !leaf.Any(c => char.IsControl(c) || c is '/' or '\\' or ':')
            && !leaf.EndsWith('.') && !leaf.EndsWith(' ');
    }

    private static readonly string[] HostilePieces =
        ["..", ".", "/", "\\", "C:", "CON", "nul", "\0", " ", "a", "b.txt", "~", ":", "\u202E", "\r\n", "COM1", "////"];

    [Property(MaxTest = 500)]
    public Property Resolve_PathLikeStrings_StayInsideFolder() =>
        Prop.ForAll(
            Gen.Elements(HostilePieces).NonEmptyListOf().Select(string.Concat).ToArbitrary(),
            name => SafeFileName.IsDirectChild(_dir, SafeFileName.Resolve(_dir, name)));

    [Property]
    public bool Sanitize_IsIdempotent(string? name)
    {
        var once = SafeFileName.Sanitize(name);
        return SafeFileName.Sanitize(once) == once;
    }

}
