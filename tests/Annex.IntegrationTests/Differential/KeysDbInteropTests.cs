using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// Unlocked files and the keys database (.git/annex/keysdb/db) shared by both implementations: each one's
/// get and drop update every unlocked copy of a key in a work tree the other made, using the database the
/// other wrote, and `git status` stays clean afterwards under either implementation's filter.
/// </summary>
public class KeysDbInteropTests
{
    private const string Content = "same content\n";

    private static string UnlockedOrigin(string annex)
    {
        var dir = NewRepo();
        Assert.Equal(0, Run(annex, dir, "init", "origin").Code);
        Git(annex, dir, "config", "annex.addunlocked", "true");
        File.WriteAllText(Path.Combine(dir, "a"), Content);
        File.WriteAllText(Path.Combine(dir, "b"), Content);
        var add = Run(annex, dir, "add", "a", "b");
        Assert.True(add.Code == 0, add.Out + add.Err);
        Git(annex, dir, "commit", "-q", "-m", "add");
        Assert.Equal("", Git(annex, dir, "status", "--porcelain"));
        return dir;
    }

    private static string Clone(string annex, string origin)
    {
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        Assert.Equal(0, Run(annex, clone, "init", "clone").Code);
        return clone;
    }

    private static void AssertBoth(string dir, string expected)
    {
        Assert.Equal(expected, File.ReadAllText(Path.Combine(dir, "a")));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(dir, "b")));
    }

    private static string Pointer(string dir) => File.ReadAllText(Path.Combine(dir, "a")).StartsWith("/annex/objects/")
        ? File.ReadAllText(Path.Combine(dir, "a")) : throw new InvalidOperationException("a is not a pointer");

    [Fact]
    public void OurUnlockedRepositoryIsCleanForTheReferenceAndItsDropAndGetUseOurDatabase()
    {
        if (!Available()) return;
        var origin = UnlockedOrigin(Ours);
        Assert.True(File.Exists(Path.Combine(origin, ".git/annex/keysdb/db")));
        // Our clean filter's work is clean under the reference's filter too.
        Assert.Equal("", Git(Reference, origin, "status", "--porcelain"));

        var clone = Clone(Ours, origin);
        var get = Run(Ours, clone, "get", "a");
        Assert.True(get.Code == 0, get.Out + get.Err);
        AssertBoth(clone, Content); // b has the same key: populated too
        Assert.Equal("", Git(Ours, clone, "status", "--porcelain"));
        Assert.Equal("", Git(Reference, clone, "status", "--porcelain"));

        // The reference opens the database we wrote, drops, and both files go back to pointers.
        var drop = Run(Reference, clone, "drop", "--force", "a");
        Assert.True(drop.Code == 0, drop.Out + drop.Err);
        var pointer = Pointer(clone);
        AssertBoth(clone, pointer);
        Assert.Equal("", Git(Reference, clone, "status", "--porcelain"));
        Assert.Equal("", Git(Ours, clone, "status", "--porcelain"));

        var get2 = Run(Reference, clone, "get", "b");
        Assert.True(get2.Code == 0, get2.Out + get2.Err);
        AssertBoth(clone, Content);
        Assert.Equal("", Git(Ours, clone, "status", "--porcelain"));
    }

    [Fact]
    public void WeReadTheReferencesDatabaseAndOurGetAndDropKeepItsWorkTreeClean()
    {
        if (!Available()) return;
        var origin = UnlockedOrigin(Reference);
        Assert.Equal("", Git(Ours, origin, "status", "--porcelain"));

        var clone = Clone(Reference, origin);
        var get = Run(Reference, clone, "get", "a");
        Assert.True(get.Code == 0, get.Out + get.Err);
        AssertBoth(clone, Content);

        // Our drop uses the reference's database to find b as well.
        var drop = Run(Ours, clone, "drop", "--force", "b");
        Assert.True(drop.Code == 0, drop.Out + drop.Err);
        AssertBoth(clone, Pointer(clone));
        Assert.Equal("", Git(Ours, clone, "status", "--porcelain"));
        Assert.Equal("", Git(Reference, clone, "status", "--porcelain"));

        var get2 = Run(Ours, clone, "get", "a");
        Assert.True(get2.Code == 0, get2.Out + get2.Err);
        AssertBoth(clone, Content);
        Assert.Equal("", Git(Ours, clone, "status", "--porcelain"));
        Assert.Equal("", Git(Reference, clone, "status", "--porcelain"));
    }
}
