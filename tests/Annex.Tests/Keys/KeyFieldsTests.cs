using Annex.Core.Keys;

namespace Annex.Tests.Keys;

/// <summary>Expected values from the reference's examinekey ${bytesize}/${humansize} etc.</summary>
public class KeyFieldsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1, "1 B")]
    [InlineData(20, "20 B")]
    [InlineData(999, "999 B")]
    [InlineData(1000, "1 kB")]
    [InlineData(1049, "1.05 kB")]
    [InlineData(1050, "1.05 kB")]
    [InlineData(1051, "1.05 kB")]
    [InlineData(1005, "1 kB")]
    [InlineData(1499, "1.5 kB")]
    [InlineData(1500, "1.5 kB")]
    [InlineData(1995, "2 kB")]
    [InlineData(1996, "2 kB")]
    [InlineData(1004999, "1 MB")]
    [InlineData(1005000, "1 MB")]
    [InlineData(1049999, "1.05 MB")]
    [InlineData(999999, "1000 kB")]
    [InlineData(999500, "999.5 kB")]
    [InlineData(12345678901, "12.35 GB")]
    [InlineData(999995, "1000 kB")]
    [InlineData(999994999, "999.99 MB")]
    [InlineData(1234567, "1.23 MB")]
    [InlineData(9223372036854775807, "9.22 EB")]
    public void HumanSizeMatchesTheReference(long bytes, string expected) => Assert.Equal(expected, HumanSize.Rough(bytes));

    [Fact]
    public void FieldsOfAKeyWithAllFields()
    {
        var f = KeyFields.Of(Key.Parse("WORM-s1050-m12--a/b:c"));
        Assert.Equal("WORM-s1050-m12--a/b:c", f["key"]);
        Assert.Equal("WORM", f["backend"]);
        Assert.Equal("1050", f["bytesize"]);
        Assert.Equal("1.05 kB", f["humansize"]);
        Assert.Equal("a/b:c", f["keyname"]);
        Assert.Equal("12", f["mtime"]);
        Assert.Equal("/annex/objects/WORM-s1050-m12--a%b&cc\n", f["objectpointer"]);
        Assert.Equal(HashDirs.Lower(Key.Parse("WORM-s1050-m12--a/b:c")), f["hashdirlower"]);
        Assert.Equal(HashDirs.Mixed(Key.Parse("WORM-s1050-m12--a/b:c")), f["hashdirmixed"]);
    }

    [Fact]
    public void MissingFieldsAreUnknown()
    {
        // Reference: examinekey --format='${bytesize}|${humansize}|${mtime}|${hashdirlower}|${hashdirmixed}' URL--http://example.com/a
        var f = KeyFields.Of(Key.Parse("URL--http://example.com/a"));
        Assert.Equal("unknown", f["bytesize"]);
        Assert.Equal("unknown", f["humansize"]);
        Assert.Equal("unknown", f["mtime"]);
        Assert.Equal("c47/173/", f["hashdirlower"]);
        Assert.Equal("74/WJ/", f["hashdirmixed"]);
        Assert.Equal("/annex/objects/URL--http&c%%example.com%a\n", f["objectpointer"]);
    }
}
