using Annex.Core.Keys;

namespace Annex.Tests.Keys;

public class KeyTests
{
    [Fact]
    public void ParsesAllFieldsInOrder()
    {
        var k = Key.Parse("SHA256E-s6-m17-S2-C3--5891b5.tar.gz");
        Assert.Equal("SHA256E", k.Backend);
        Assert.Equal("5891b5.tar.gz", k.Name);
        Assert.Equal(6, k.Size);
        Assert.Equal(17, k.Mtime);
        Assert.Equal(2, k.ChunkSize);
        Assert.Equal(3, k.ChunkNumber);
        Assert.True(k.IsChunk);
        Assert.Equal(4, k.ChunkOffset);
        Assert.Equal("5891b5", k.NameWithoutExtension);
        Assert.Equal(".tar.gz", k.Extension);
        Assert.Equal("SHA256E-s6-m17-S2-C3--5891b5.tar.gz", k.ToString());
        Assert.Equal("SHA256E-s6-m17--5891b5.tar.gz", k.WithoutChunk().ToString());
        Assert.False(k.WithoutChunk().IsChunk);
    }

    // Accepted by the reference's examinekey (checked by hand), printed back as shown.
    [Theory]
    [InlineData("SHA256-S5--x", "SHA256-S5--x")]
    [InlineData("SHA256-C5--x", "SHA256-C5--x")]
    [InlineData("SHA256-s05--x", "SHA256-s5--x")]
    [InlineData("a--b--c", "a--b--c")]
    [InlineData("SHA256---x", "SHA256---x")]
    [InlineData("FOO--x/y", "FOO--x/y")]
    [InlineData("WORM-s2-m1700000000--sub/dir/with,32space", "WORM-s2-m1700000000--sub/dir/with,32space")]
    [InlineData("WORM--old key\rwith cr", "WORM--old key\rwith cr")]
    [InlineData("XFOOE--abc.ext", "XFOOE--abc.ext")]
    [InlineData("SHA256E--abc.123456789012345678901234567890123456789012345678901234567890123", "SHA256E--abc.123456789012345678901234567890123456789012345678901234567890123")]
    public void AcceptsWhatTheReferenceAccepts(string input, string printed)
    {
        Assert.True(Key.TryParse(input, out var k));
        Assert.Equal(printed, k.ToString());
    }

    [Fact]
    public void ChunkFieldsAloneAreNotAChunk()
    {
        var k = Key.Parse("SHA256-S5--x");
        Assert.False(k.IsChunk);
        Assert.Null(k.ChunkOffset);
        Assert.Equal("SHA256--x", k.WithoutChunk().ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("--x")]                 // empty backend
    [InlineData("SHA256--")]            // empty name (upstream accepts; we refuse)
    [InlineData("SHA256")]
    [InlineData("SHA256-s5")]
    [InlineData("SHA256-s5-")]
    [InlineData("SHA256-s+5--x")]
    [InlineData("SHA256-s-5--x")]
    [InlineData("SHA256-s--x")]
    [InlineData("SHA256-s5x--x")]
    [InlineData("SHA256-s١--x")]        // Arabic-Indic digit: not ASCII decimal
    [InlineData("SHA256-m5-s5--x")]     // out of order
    [InlineData("SHA256-s5-s5--x")]     // repeated
    [InlineData("SHA256-q5--x")]        // unknown field
    [InlineData("FOO-BAR--x")]
    [InlineData("SHA256-s99999999999999999999--x")] // beyond long
    [InlineData("SHA256--a\nb")]
    [InlineData("SHA256--a\0b")]
    [InlineData("SHA\n256--ab")]
    [InlineData("SHA 256--ab")]
    [InlineData("SHA/256--ab")]
    [InlineData("SHA256E--abc.1234567890123456789012345678901234567890123456789012345678901234")] // 65-byte extension
    public void RefusesMalformedKeys(string s)
    {
        Assert.False(Key.TryParse(s, out _));
        var e = Assert.Throws<FormatException>(() => Key.Parse(s));
        Assert.StartsWith("bad key (", e.Message);
    }

    [Fact]
    public void HugeInputsFailOrSucceedWithoutCrashing()
    {
        var digits = new string('9', 100 * 1024);
        Assert.False(Key.TryParse("SHA256-s" + digits + "--x", out _));
        Assert.False(Key.TryParse(new string('-', 100 * 1024), out _));
        Assert.False(Key.TryParse(new string('A', 100 * 1024), out _));
        Assert.True(Key.TryParse("WORM--" + new string('x', 100 * 1024), out var big));
        Assert.Equal(100 * 1024, big.Name.Length);
        var longExt = "SHA256E--abc." + new string('e', 100 * 1024);
        Assert.False(Key.TryParse(longExt, out _));
        var e = Assert.Throws<FormatException>(() => Key.Parse(longExt));
        Assert.True(e.Message.Length < 400);
    }

    [Fact]
    public void ConstructorRefusesInvalidParts()
    {
        Assert.Throws<ArgumentException>(() => new Key("", "x"));
        Assert.Throws<ArgumentException>(() => new Key("SHA-256", "x"));
        Assert.Throws<ArgumentException>(() => new Key("SHA256", ""));
        Assert.Throws<ArgumentException>(() => new Key("SHA256", "a\nb"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Key("SHA256", "x", size: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Key("SHA256", "x") with { ChunkNumber = -2 });
    }

    [Fact]
    public void RoundTripsRandomKeys()
    {
        // Names draw from the characters upstream's Arbitrary instance uses, plus the ones
        // that need escaping in file names and some non-ASCII.
        const string nameChars = "ABCXYZabcxyz0129-_\r \t.&%:/,éü日";
        var rng = new Random(20261026);
        long? Maybe() => rng.Next(3) == 0 ? null : rng.Next(4) switch
        {
            0 => 0, 1 => rng.Next(), 2 => long.MaxValue, _ => rng.NextInt64(long.MaxValue),
        };
        for (var i = 0; i < 2000; i++)
        {
            var backend = new string(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => (char)rng.Next('A', 'Z' + 1)).ToArray());
            var name = new string(Enumerable.Range(0, rng.Next(1, 40)).Select(_ => nameChars[rng.Next(nameChars.Length)]).ToArray());
            if (backend.EndsWith('E')) name = name.Replace(".", "");
            if (name.Length == 0) name = "n";
            var key = new Key(backend, name, Maybe(), Maybe(), Maybe(), Maybe());
            var text = key.ToString();
            Assert.True(Key.TryParse(text, out var back), text);
            Assert.Equal(key, back);
            Assert.Equal(text, back.ToString());
            Assert.True(KeyFile.TryParse(KeyFile.Escape(key), out var fromFile), text);
            Assert.Equal(key, fromFile);
            Assert.DoesNotContain('/', KeyFile.Escape(key));
        }
    }
}
