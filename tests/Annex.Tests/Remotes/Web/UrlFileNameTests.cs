using Annex.Core.Remotes.Web;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Web;

/// <summary>File names addurl derives from URLs, as the reference names them (Command/AddUrl.hs url2file).</summary>
public class UrlFileNameTests
{
    [Theory]
    [InlineData("file:///tmp/wref/myurl", null, "_tmp_wref_myurl")]
    [InlineData("http://127.0.0.1:18765/a.txt", null, "127.0.0.1_a.txt")]
    [InlineData("http://example.com/dir/file.tar.gz?x=1", null, "example.com_dir_file.tar.gz_x_1")]
    [InlineData("file:///tmp/wref/srv/a.txt", -1, "a.txt")]
    [InlineData("file:///tmp/wref/srv/a.txt", 2, "srv/a.txt")]
    [InlineData("file:///tmp/wref/srv/a.txt", 9, "tmp/wref/srv/a.txt")]
    [InlineData("http://example.com/a/b", -2, "a/b")]
    public void NamesFollowTheReference(string url, int? depth, string expected) =>
        Assert.Equal(expected, UrlFileName.FromUrl(new Uri(url), depth));

    [Fact]
    public void PathDepthZeroIsRefused() =>
        Assert.Throws<UserErrorException>(() => UrlFileName.FromUrl(new Uri("http://example.com/a"), 0));

    [Theory]
    [InlineData("../x", "_._x")]
    [InlineData("-rf", "_rf")]
    [InlineData(".hidden", "_hidden")]
    [InlineData("a b$c", "a_b_c")]
    [InlineData("", "file")]
    [InlineData("naïve.txt", "naïve.txt")]
    public void SanitizeMakesUntrustedNamesSafe(string input, string expected) =>
        Assert.Equal(expected, UrlFileName.Sanitize(input));

    [Fact]
    public void TruncateNeverSplitsACharacter() =>
        Assert.Equal("aé", UrlFileName.Truncate("aéé", 4));
}
