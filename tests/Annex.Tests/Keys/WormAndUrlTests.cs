using Annex.Core.Keys;

namespace Annex.Tests.Keys;

/// <summary>Expected keys from the reference: calckey --backend=WORM on files with mtime 1700000000, and addurl.</summary>
public sealed class WormAndUrlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("worm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("plain", "WORM-s2-m1700000000--plain")]
    [InlineData("with space", "WORM-s2-m1700000000--with,32space")]
    [InlineData("comma,x", "WORM-s2-m1700000000--comma,,x")]
    [InlineData("naïve", "WORM-s2-m1700000000--na,239ve")]
    [InlineData("sub/dir/x.txt", "WORM-s2-m1700000000--sub/dir/x.txt")]
    [InlineData("a:b&c%d", "WORM-s2-m1700000000--a:b,38c%d")]
    [InlineData("tab\tx", "WORM-s2-m1700000000--tab,9x")]
    [InlineData("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "WORM-s2-m1700000000--nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn")]
    [InlineData("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "WORM-s2-m1700000000--nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn-199a60a2e49e9f234625e9b46f31a6ee")]
    [InlineData("éééééééééééééééééééééééééééééééééééééééé", "WORM-s2-m1700000000--,233,233,233,233,233,233,233,23-639258863c18c505cc2183a5e4b63394")]
    [InlineData("ababababababababababababababababababababécccccccccccccccccccccccccccccc", "WORM-s2-m1700000000--abababababababababababababababa-12984ab9d44d9090952b231aacda6d29")]
    public void WormKeysMatchTheReference(string relativePath, string expected)
    {
        var path = Path.Combine(_dir, "content");
        File.WriteAllText(path, "hi");
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(1700000000.7));
        var b = Backends.ByName("WORM")!;
        Assert.Equal(expected, b.GenerateKey(path, new KeyGenOptions(relativePath)).ToString());
        Assert.False(b.CanVerify);
        Assert.Null(b.CreateHasher());
        Assert.Null(Backends.VerifyFile(Key.Parse(expected), path));
    }

    [Fact]
    public void WormUsesTheFileNameWithoutAnAssociatedFile()
    {
        var path = Path.Combine(_dir, "my file");
        File.WriteAllText(path, "abc");
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(5));
        Assert.Equal("WORM-s3-m5--my,32file", Backends.ByName("WORM")!.GenerateKey(path).ToString());
    }

    // The reference now makes VURL keys for addurl --relaxed; the name is generated the same way.
    [Theory]
    [InlineData("http://example.com/a", "URL--http://example.com/a")]
    [InlineData("https://example.com/some path/with,comma?x=1&y=2#frag", "URL--https://example.com/some,32path/with,,comma,63x,611,38y,612,35frag")]
    [InlineData("https://example.com/very/long/url/that/goes/on/and/on/and/on/beyond/sixty/four/bytes.tar.gz", "URL--https://example.com/very/long/u-0dd5cd861e8c929feb47879983ad5701")]
    [InlineData("http://exämple.com/ü", "URL--http://ex,228mple.com/,252")]
    public void UrlKeysMatchTheReference(string url, string expected)
    {
        Assert.Equal(expected, Backends.UrlKey(url).ToString());
        Assert.Equal(expected.Replace("URL--", "URL-s42--"), Backends.UrlKey(url, 42).ToString());
        var b = Backends.ByName("URL")!;
        Assert.False(b.CanGenerateKey);
        Assert.False(b.IsStableKey);
        Assert.Throws<NotSupportedException>(() => b.GenerateKey("/nonexistent"));
    }
}
