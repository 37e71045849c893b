using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// .git/annex/restage.log written by one implementation and consumed by the other's `git annex restage`: a get
/// of an unlocked file while git holds index.lock leaves the file logged (and git status showing it modified);
/// restage keeps the log while the lock is still there, and once it is gone leaves the work tree clean.
/// </summary>
public class RestageInteropTests
{
    private static void Scenario(string getter, string restager)
    {
        var origin = NewRepo();
        Assert.Equal(0, Run(getter, origin, "init", "origin").Code);
        Git(getter, origin, "config", "annex.addunlocked", "true");
        File.WriteAllText(Path.Combine(origin, "a"), "a\n");
        Assert.Equal(0, Run(getter, origin, "add", "a").Code);
        Git(getter, origin, "commit", "-q", "-m", "add");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(getter, clone, "clone", "-q", origin, ".");
        Assert.Equal(0, Run(getter, clone, "init", "clone").Code);

        var indexLock = Path.Combine(clone, ".git/index.lock");
        File.WriteAllText(indexLock, "");
        var get = Run(getter, clone, "get", "a");
        Assert.True(get.Code == 0, get.Out + get.Err);
        Assert.Contains("git-annex restage", get.Err);
        var log = Path.Combine(clone, ".git/annex/restage.log");
        Assert.EndsWith(":a\n", File.ReadAllText(log));
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(clone, "a")));

        var blocked = RunWith(restager, restager, clone, "restage");
        Assert.Equal((0, "restage  \nok\n"), (blocked.Code, blocked.Out));
        Assert.Contains("unable to update the index", blocked.Err);
        Assert.True(File.Exists(log));
        File.Delete(indexLock);
        Assert.Equal(" M a\n", Git(restager, clone, "status", "--porcelain"));

        var r = RunWith(restager, restager, clone, "restage");
        Assert.Equal((0, "restage  ok\n", ""), r);
        Assert.False(File.Exists(log));
        Assert.False(File.Exists(Path.Combine(clone, ".git/annex/restage.old")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(clone, ".git"), "annexindex*"));
        Assert.Equal("", Git(restager, clone, "status", "--porcelain"));
        Assert.Equal("", Git(getter, clone, "status", "--porcelain"));
    }

    [Fact]
    public void TheReferencesRestageConsumesOurLog()
    {
        if (Available()) Scenario(Ours, Reference);
    }

    [Fact]
    public void OurRestageConsumesTheReferencesLog()
    {
        if (Available()) Scenario(Reference, Ours);
    }

    /// <summary>
    /// The reference's filter leaves pointers in the work tree and logs them in smudge.log for the post-checkout
    /// hook; our `smudge --update` populates those whose content is here, empties the log, and git status is clean.
    /// </summary>
    [Fact]
    public void OurSmudgeUpdateConsumesTheReferencesSmudgeLog()
    {
        if (!Available()) return;
        var dir = NewRepo();
        Assert.Equal(0, Run(Reference, dir, "init", "r").Code);
        Git(Reference, dir, "config", "annex.addunlocked", "true");
        File.WriteAllText(Path.Combine(dir, "a"), "a\n");
        Assert.Equal(0, Run(Reference, dir, "add", "a").Code);
        Git(Reference, dir, "commit", "-q", "-m", "a");
        Git(Reference, dir, "checkout", "-q", "-b", "other");
        Git(Reference, dir, "rm", "-q", "a");
        Git(Reference, dir, "commit", "-q", "-m", "rm");
        // The reference's filter, and no hook: the pointer stays and is logged.
        Git(Reference, dir, "-c", "core.hooksPath=/nonexistent", "-c", $"filter.annex.process={Reference} filter-process", "checkout", "-q", "master");
        var log = Path.Combine(dir, ".git/annex/smudge.log");
        Assert.EndsWith(" a\n", File.ReadAllText(log));
        Assert.StartsWith("/annex/objects/", File.ReadAllText(Path.Combine(dir, "a")));

        var r = Run(Ours, dir, "smudge", "--update");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(dir, "a")));
        Assert.Equal("", File.ReadAllText(log));
        Assert.Equal("", Git(Ours, dir, "status", "--porcelain"));
        Assert.Equal("", Git(Reference, dir, "status", "--porcelain"));
    }
}
