using Annex.Core.Annex;
using Annex.Core.Keys;

namespace Annex.Tests.Annex;

public class WorkTreeTests
{
    private static readonly Key Foo = Key.Parse("SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c");

    [Fact]
    public void SymlinkTargetIsRelativeMixedHashPathAsReferenceWrites()
    {
        // Taken from a symlink written by the reference for "foo" containing "foo\n".
        Assert.Equal(".git/annex/objects/91/9x/" + Foo + "/" + Foo, Locations.SymlinkTarget(Foo, "foo"));
        Assert.StartsWith("../../.git/annex/objects/91/9x/", Locations.SymlinkTarget(Foo, "a/b/foo"));
    }

    [Fact]
    public void LinkTargetGoesThroughTheRealGitDirAndIsTheUsualOneWhenThatIsDotGit()
    {
        // The reference's `adjust --fix` with GIT_DIR=/t/gd and the work tree at /t/wt.
        Assert.Equal("../gd/annex/objects/91/9x/" + Foo + "/" + Foo, Locations.LinkTarget(Foo, "/t/wt/foo", "/t/gd"));
        Assert.StartsWith("../../gd/annex/objects/91/9x/", Locations.LinkTarget(Foo, "/t/wt/sub/foo", "/t/gd"));
        Assert.Equal(Locations.SymlinkTarget(Foo, "a/b/foo"), Locations.LinkTarget(Foo, "/r/a/b/foo", "/r/.git"));
    }

    [Fact]
    public void LocationLogPathUsesLowerHash() =>
        Assert.Equal("41d/a26/" + Foo + ".log", Locations.LocationLogPath(Foo));

    [Fact]
    public void KeyFromSymlinkTargetRoundTrips() =>
        Assert.Equal(Foo, WorkTree.KeyFromSymlinkTarget(Locations.SymlinkTarget(Foo, "x/y")));

    [Theory]
    [InlineData("../not/an/annex/link")]
    [InlineData("")]
    public void NonAnnexSymlinksHaveNoKey(string target) => Assert.Null(WorkTree.KeyFromSymlinkTarget(target));

    [Fact]
    public void PointerFilesParse()
    {
        Assert.Equal(Foo, WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(Foo))));
        Assert.Equal(Foo, WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes("/annex/objects/" + Foo + "\r\n")));
        Assert.Equal(Foo, WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes("/annex/objects/" + Foo)));
    }

    [Theory]
    [InlineData("hello world\n")]
    [InlineData("/annex/objects/\n")]
    [InlineData("/annex/objects/not a key\n")]
    [InlineData("/annex/objects/SHA256E-s4--a\0b\n")]
    public void NonPointersHaveNoKey(string content) =>
        Assert.Null(WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void HugeContentIsNeverAPointer()
    {
        var big = new byte[WorkTree.MaxPointerSize];
        "/annex/objects/"u8.CopyTo(big);
        Assert.Null(WorkTree.KeyFromPointer(big));
    }
}

public class PointerWithExtraLinesTests
{
    [Fact]
    public void LaterLinesMustMentionAnnex()
    {
        const string key = "SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c";
        Assert.Null(WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes($"/annex/objects/{key}\nmore\n")));
        Assert.NotNull(WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes($"/annex/objects/{key}\n/annex/x\n")));
    }
}

public class UrlKeyPointerTests
{
    /// <summary>The reference writes a pointer with the key's file name (Annex/Link.hs formatPointer): a URL's '/' and ':' escaped.</summary>
    [Fact]
    public void UrlKeysAreWrittenAndReadAsTheirFileName()
    {
        var key = new Key("VURL", "file:///tmp/wref/srv/a.txt", size: 6);
        var pointer = WorkTree.PointerContent(key);
        Assert.Equal("/annex/objects/VURL-s6--file&c%%%tmp%wref%srv%a.txt\n", pointer);
        Assert.Equal(key, WorkTree.KeyFromPointer(System.Text.Encoding.UTF8.GetBytes(pointer)));
    }
}
