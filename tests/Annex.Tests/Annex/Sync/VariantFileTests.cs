using Annex.Core.Annex.Sync;
using Annex.Core.Keys;

namespace Annex.Tests.Annex.Sync;

public class VariantFileTests
{
    // Names taken from the reference resolving a conflict on "conflictor".
    [Theory]
    [InlineData("SHA256E-s3--1b35060c33bd673408add98a1e47d4b5e7916e529207c38100b39af08358444f", "conflictor.variant-443b")]
    [InlineData("SHA256E-s3--17c9806e2f789e7654fc220254a3eb6dab6910eb9d6c44506ed1479c695f50f8", "conflictor.variant-6940")]
    public void ShortHashMatchesReference(string key, string expected)
    {
        Assert.True(Key.TryParse(key, out var k));
        Assert.Equal(expected, VariantFile.For("conflictor", k));
    }

    [Theory]
    [InlineData("foo", "abcd", "foo.variant-abcd")]
    [InlineData("foo.txt", "abcd", "foo.variant-abcd.txt")]
    [InlineData("a.tar.gz", "abcd", "a.tar.variant-abcd.gz")]
    [InlineData("dir.d/sub/file.jpg", "abcd", "dir.d/sub/file.variant-abcd.jpg")]
    [InlineData("dir.d/noext", "abcd", "dir.d/noext.variant-abcd")]
    [InlineData(".bashrc", "abcd", ".variant-abcd.bashrc")]
    public void MarkerGoesBeforeTheLastExtension(string file, string variant, string expected) =>
        Assert.Equal(expected, VariantFile.Make(file, variant));

    [Fact]
    public void AVariantOfAVariantUsesTheWholeKey()
    {
        Assert.True(Key.TryParse("SHA256E-s3--17c9806e2f789e7654fc220254a3eb6dab6910eb9d6c44506ed1479c695f50f8", out var k));
        // filepath takes ".variant-abcd" as the extension, so the new marker goes before it.
        Assert.Equal("f.variant-" + KeyFile.Escape(k) + ".variant-abcd", VariantFile.For("f.variant-abcd", k));
    }
}
