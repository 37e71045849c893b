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

    /// <summary>Associated files in a repository's keys database, as "file key" lines.</summary>
    private static List<string> Associations(string dir, params string[] files)
    {
        using var db = Annex.Core.Database.KeysDb.Open(new Annex.Core.Annex.Locations(Path.Combine(dir, ".git"), false));
        return files.SelectMany(f => db.GetAssociatedKey(f).Select(k => f + " " + k)).ToList();
    }

    /// <summary>
    /// Entering an adjusted unlocked branch records each unlocked file in the keys database before anything
    /// reconciles it (Annex/AdjustedBranch.hs adjustToPointer), and so does fromkey there (Command/FromKey.hs);
    /// a get by the other implementation then populates every file of the key, and the work tree stays clean.
    /// </summary>
    [Fact]
    public void AdjustingToUnlockedAndFromkeyRecordTheSameAssociationsAsTheReference()
    {
        if (!Available()) return;
        var seen = new List<List<string>>();
        foreach (var (annex, other) in new[] { (Ours, Reference), (Reference, Ours) })
        {
            var origin = NewRepo();
            Assert.Equal(0, Run(annex, origin, "init", "origin").Code);
            Directory.CreateDirectory(Path.Combine(origin, "s"));
            File.WriteAllText(Path.Combine(origin, "a"), Content);
            File.WriteAllText(Path.Combine(origin, "s/b"), Content);
            File.WriteAllText(Path.Combine(origin, "c"), "other\n");
            Assert.Equal(0, Run(annex, origin, "add", "a", "s/b", "c").Code);
            Git(annex, origin, "commit", "-q", "-m", "add");
            var key = Run(annex, origin, "lookupkey", "a").Out.Trim();
            var clone = Clone(annex, origin);
            var adj = Run(annex, clone, "adjust", "--unlock");
            Assert.True(adj.Code == 0, adj.Out + adj.Err);
            var afterAdjust = Associations(clone, "a", "s/b", "c", "new");

            var fk = Run(annex, clone, "fromkey", "--force", key, "new");
            Assert.True(fk.Code == 0, fk.Out + fk.Err);
            Assert.Equal(WorkTree(key), File.ReadAllText(Path.Combine(clone, "new")));
            var afterFromkey = Associations(clone, "a", "s/b", "c", "new");

            var get = Run(other, clone, "get", "a");
            Assert.True(get.Code == 0, get.Out + get.Err);
            foreach (var f in new[] { "a", "s/b", "new" }) Assert.Equal(Content, File.ReadAllText(Path.Combine(clone, f)));
            Assert.Equal("A  new\n", Git(annex, clone, "status", "--porcelain"));
            Assert.Equal("A  new\n", Git(other, clone, "status", "--porcelain"));
            seen.Add([.. afterAdjust, "--", .. afterFromkey]);
        }
        Assert.Equal(3, seen[1].IndexOf("--"));
        Assert.Equal(seen[1], seen[0]);
    }

    private static string WorkTree(string key) => "/annex/objects/" + key + "\n";
}
