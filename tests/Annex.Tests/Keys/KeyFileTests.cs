using Annex.Core.Keys;

namespace Annex.Tests.Keys;

public class KeyFileTests
{
    // Escaped forms as the reference prints them in ${objectpointer}.
    [Theory]
    [InlineData("SHA256E-s6--5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03.txt", "SHA256E-s6--5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03.txt")]
    [InlineData("WORM-s2-m1700000000--sub/dir/x.txt", "WORM-s2-m1700000000--sub%dir%x.txt")]
    [InlineData("URL--http://example.com/a", "URL--http&c%%example.com%a")]
    [InlineData("WORM-s0-m0--a:b&c%d", "WORM-s0-m0--a&cb&ac&sd")]
    [InlineData("WORM-m12--a/b:c", "WORM-m12--a%b&cc")]
    [InlineData("FOO--naïve", "FOO--naïve")]
    public void EscapesLikeTheReference(string key, string file)
    {
        Assert.Equal(file, KeyFile.Escape(Key.Parse(key)));
        Assert.True(KeyFile.TryParse(file, out var back));
        Assert.Equal(key, back.ToString());
    }

    [Theory]
    [InlineData("WORM--a&xb", "WORM--axb")]   // unknown escape keeps the letter, as upstream
    [InlineData("WORM--ab&", "WORM--ab")]     // trailing '&' vanishes, as upstream
    public void DecodesLenientlyLikeUpstream(string file, string key)
    {
        Assert.True(KeyFile.TryParse(file, out var k));
        Assert.Equal(key, k.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("WORM--a/b")]
    [InlineData("WORM--a\0b")]
    [InlineData("not a key")]
    [InlineData("WORM--&")]          // decodes to an empty name
    [InlineData("SHA256-s1x--abc")]
    public void RefusesNonKeyFileNames(string file) => Assert.False(KeyFile.TryParse(file, out _));
}
