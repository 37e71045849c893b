using Annex.Core.Annex.Matching;
using Annex.Core.Utility;

namespace Annex.Tests.Annex;

public class MatchingTests
{
    private static bool Large(string expr, string path, long size) =>
        LargeFiles.Compile(expr).MatchAsync(new MatchSubject(path, null, size)).AsTask().Result;

    [Theory]
    [InlineData("exclude=ingitfile", "ingitfile", 1, false)]
    [InlineData("exclude=ingitfile", "other", 1, true)]
    [InlineData("include=*.mp3", "a/b/c.mp3", 1, true)]
    [InlineData("largerthan=100kb", "x", 100_001, true)]
    [InlineData("largerthan=100kb", "x", 100_000, false)]
    [InlineData("include=*.c or largerthan=1mb", "x.c", 1, true)]
    [InlineData("include=*.c and largerthan=1mb", "x.c", 1, false)]
    [InlineData("not (include=*.c)", "x.c", 1, false)]
    [InlineData("(include=*.c or include=*.h) and smallerthan=10", "x.h", 5, true)]
    [InlineData("anything", "x", 0, true)]
    [InlineData("nothing", "x", 0, false)]
    public void LargeFilesExpressions(string expr, string path, long size, bool expected) =>
        Assert.Equal(expected, Large(expr, path, size));

    [Fact]
    public void NoSettingMeansEverythingIsLarge() => Assert.True(Large("", "x", 0));

    [Theory]
    [InlineData("include=*.c and")]
    [InlineData("( include=*.c")]
    [InlineData("copies=2")]
    [InlineData("largerthan=lots")]
    public void BadExpressionsAreClearErrors(string expr) =>
        Assert.Throws<UserErrorException>(() => LargeFiles.Compile(expr));

    [Theory]
    [InlineData("100", 100)]
    [InlineData("1kb", 1000)]
    [InlineData("1KiB", 1024)]
    [InlineData("1.5 MB", 1_500_000)]
    [InlineData("2gb", 2_000_000_000)]
    public void DataUnitsParse(string s, long bytes)
    {
        Assert.True(DataUnits.TryParse(s, out var n));
        Assert.Equal(bytes, n);
    }

    [Theory]
    [InlineData("*", "a/b", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "a/c", true)]
    [InlineData("[ab]x", "bx", true)]
    [InlineData("[!ab]x", "bx", false)]
    [InlineData("*.txt", "a.txt.gz", false)]
    public void GlobsMatchWholePath(string glob, string path, bool expected) =>
        Assert.Equal(expected, new Glob(glob).IsMatch(path));
}

public class MimeMatchingTests
{
    [Fact]
    public async Task MimeEncodingSeparatesBinaryFromText()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var bin = Path.Combine(dir, "binary");
            var text = Path.Combine(dir, "text");
            File.WriteAllBytes(bin, [127]);
            File.WriteAllText(text, "test\n");
            var e = LargeFiles.Compile("mimeencoding=binary");
            Assert.True(await e.MatchAsync(new MatchSubject("binary", null, 1, bin)));
            Assert.False(await e.MatchAsync(new MatchSubject("text", null, 5, text)));
            Assert.True(await LargeFiles.Compile("mimetype=text/*").MatchAsync(new MatchSubject("text", null, 5, text)));
        }
        finally { Directory.Delete(dir, true); }
    }
}
