using Annex.Core.Annex.Sync;

namespace Annex.Tests.Annex.Sync;

public class UnmergedFileTests
{
    private const string A = "1111111111111111111111111111111111111111", B = "2222222222222222222222222222222222222222",
        C = "3333333333333333333333333333333333333333";

    [Fact]
    public void BothSidesOfOneFile()
    {
        var u = Assert.Single(UnmergedFile.Parse([$"100644 {A} 1\tf", $"120000 {B} 2\tf", $"100644 {C} 3\tf"]));
        Assert.Equal("f", u.Path);
        Assert.Equal(new ConflictSide("120000", B), u.Us);
        Assert.Equal(new ConflictSide("100644", C), u.Them);
        Assert.True(u.Us!.IsSymlink);
        Assert.Null(u.SiblingPath);
    }

    [Fact]
    public void AMissingStageMeansThatSideRemovedTheFile()
    {
        var l = UnmergedFile.Parse([$"100644 {A} 1\tgone", $"100644 {B} 2\tgone", $"120000 {C} 3\tx"]);
        Assert.Equal(2, l.Count);
        var gone = l.Single(u => u.Path == "gone");
        Assert.NotNull(gone.Us);
        Assert.Null(gone.Them);
        var x = l.Single(u => u.Path == "x");
        Assert.Null(x.Us);
        Assert.Equal(C, x.Them!.Sha);
    }

    [Fact]
    public void TildeSiblingIsPaired()
    {
        var u = Assert.Single(UnmergedFile.Parse([$"120000 {A} 2\tf", $"100644 {B} 3\tf~theirs"]));
        Assert.Equal("f", u.Path);
        Assert.Equal("f~theirs", u.SiblingPath);
        Assert.Equal(B, u.Them!.Sha);
    }

    [Fact]
    public void GarbageIsIgnored() =>
        Assert.Empty(UnmergedFile.Parse(["", "no tab here", $"100644 {A} x\tf", $"100644 {A} 2\t"]));

    [Theory]
    [InlineData("foo~HEAD", "foo")]
    [InlineData("d/foo~refs_remotes_r1_master", "d/foo")]
    [InlineData("a~b~c", "a~b")]
    [InlineData("plain", "")]
    public void CruftBase(string f, string expected) => Assert.Equal(expected, ConflictResolver.CruftBase(f));
}
