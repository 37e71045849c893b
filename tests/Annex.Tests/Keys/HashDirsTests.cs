using Annex.Core.Keys;

namespace Annex.Tests.Keys;

/// <summary>Expected values from the reference: <c>git annex examinekey --format='${hashdirlower} ${hashdirmixed}'</c>.</summary>
public class HashDirsTests
{
    [Theory]
    [InlineData("SHA256E-s6--5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03.txt", "d91/b11/", "mK/4w/")]
    [InlineData("SHA256E-s6-S2-C3--5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03.txt", "d91/b11/", "mK/4w/")]
    [InlineData("WORM-s2-m1700000000--sub/dir/x.txt", "938/1b6/", "6p/x8/")]
    [InlineData("URL--http://example.com/a", "c47/173/", "74/WJ/")]
    [InlineData("MD5-s0--d41d8cd98f00b204e9800998ecf8427e", "d02/4e7/", "pv/Kg/")]
    [InlineData("SHA1-s12--22596363b3de40b06f981fb85d82312e8c0ed511", "7ef/49a/", "wP/6m/")]
    [InlineData("WORM-s0-m0--a:b&c%d", "8ca/d5d/", "Qj/JM/")]
    [InlineData("FOO--naïve", "6e8/5d8/", "Zk/Q8/")]
    [InlineData("SHA256--x", "447/4a7/", "w4/9J/")]
    [InlineData("BLAKE2BP512-s1-m5-S1-C1--x--y", "6e0/493/", "wk/4v/")]
    [InlineData("X--y", "8be/e2a/", "Mq/zk/")]
    [InlineData("SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt", "e7d/d01/", "J7/0G/")]
    [InlineData("BLAKE2B512-s100003--5a2c123835093f33d00ca4d57283196311b8e3ac26310c3cc01b39f8a9ba0d0475f66a611e3bbc34b84997faa96b1d244cdf6d8c06bba1b494af93ca947d8f45", "019/e7f/", "X1/FK/")]
    [InlineData("VURL--http://ex,228mple.com/,252", "029/ab3/", "82/jK/")]
    [InlineData("WORM--日本語", "f65/551/", "JQ/fZ/")]
    [InlineData("SHA256-s0--abc", "8c0/b85/", "kj/1v/")]
    [InlineData("SHA256-s1--abc", "3be/38a/", "jV/2k/")]
    [InlineData("SHA256-s20--abc", "eab/2cf/", "qz/pV/")]
    [InlineData("SHA256-s999--abc", "de9/64d/", "VP/pK/")]
    [InlineData("SHA256-s1000--abc", "727/66c/", "Kg/V7/")]
    [InlineData("SHA256-s1049--abc", "f1f/54c/", "Jw/pm/")]
    [InlineData("SHA256-s1050--abc", "a39/00b/", "23/2K/")]
    [InlineData("SHA256-s1051--abc", "f77/ae2/", "qJ/X7/")]
    [InlineData("SHA256-s1005--abc", "4f5/435/", "wm/xZ/")]
    [InlineData("SHA256-s1499--abc", "c87/e2a/", "V8/z7/")]
    [InlineData("SHA256-s1500--abc", "5fc/1d0/", "5F/fj/")]
    [InlineData("SHA256-s1995--abc", "e76/0b9/", "37/kQ/")]
    [InlineData("SHA256-s1996--abc", "ca2/2e4/", "qz/K2/")]
    [InlineData("SHA256-s1004999--abc", "f69/b72/", "mQ/W9/")]
    [InlineData("SHA256-s1005000--abc", "35c/b61/", "jZ/XW/")]
    [InlineData("SHA256-s1049999--abc", "204/16c/", "40/V4/")]
    [InlineData("SHA256-s999999--abc", "d23/da3/", "Jg/8p/")]
    [InlineData("SHA256-s999500--abc", "b94/05e/", "2K/J4/")]
    [InlineData("SHA256-s12345678901--abc", "732/8ac/", "1p/q2/")]
    [InlineData("SHA256-s9223372036854775807--abc", "1a7/5d9/", "fM/QJ/")]
    public void MatchesTheReference(string key, string lower, string mixed)
    {
        var k = Key.Parse(key);
        Assert.Equal(lower, HashDirs.Lower(k));
        Assert.Equal(mixed, HashDirs.Mixed(k));
        Assert.Equal(lower[..4], HashDirs.Lower(k, levels: 1));
        Assert.Equal(mixed[..3], HashDirs.Mixed(k, levels: 1));
    }
}
