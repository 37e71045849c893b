using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>`git annex sync` between a repository run by us and one run by the reference, both ways.</summary>
public class SyncInteropTests
{
    private static string Clone(string annex, string origin, string desc)
    {
        var dir = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, dir, "clone", "-q", origin, ".");
        Git(annex, dir, "config", "user.name", "Test");
        Git(annex, dir, "config", "user.email", "test@example.com");
        Assert.Equal(0, Run(annex, dir, "init", desc).Code);
        return dir;
    }

    private static void Add(string annex, string dir, string file, string content)
    {
        File.WriteAllText(Path.Combine(dir, file), content);
        var r = Run(annex, dir, "add", file);
        Assert.True(r.Code == 0, r.Out + r.Err);
    }

    private static (int Code, string Out, string Err) Sync(string annex, string dir, params string[] extra) =>
        RunWith(annex, annex, dir, ["sync", "--no-content", .. extra]);

    [Fact]
    public void OursAndTheReferenceSyncEachOthersChanges()
    {
        if (!Available()) return;
        var origin = NewRepo();
        Assert.Equal(0, Run(Reference, origin, "init", "origin").Code);
        Add(Reference, origin, "base", "base\n");
        Git(Reference, origin, "commit", "-q", "-m", "base");

        var ours = Clone(Ours, origin, "ours");
        var theirs = Clone(Reference, origin, "theirs");
        Git(Ours, ours, "remote", "add", "theirs", theirs);
        Git(Reference, theirs, "remote", "add", "ours", ours);

        Add(Ours, ours, "from-ours", "ours\n");
        var s1 = Sync(Ours, ours, "theirs");
        Assert.True(s1.Code == 0, s1.Out + s1.Err);
        Assert.Contains("commit", s1.Out);
        Assert.Contains("push theirs", s1.Out);
        Assert.Equal("git-annex in ours\n", Git(Ours, ours, "log", "-1", "--format=%s"));

        // The reference merges what we pushed to synced/master and our git-annex branch.
        Add(Reference, theirs, "from-theirs", "theirs\n");
        var s2 = Sync(Reference, theirs, "ours");
        Assert.True(s2.Code == 0, s2.Out + s2.Err);
        Assert.True(File.Exists(Path.Combine(theirs, "from-ours")));
        var where = Run(Reference, theirs, "whereis", "from-ours");
        Assert.Contains("ours", where.Out);

        // And we merge what the reference pushed back.
        var s3 = Sync(Ours, ours, "theirs");
        Assert.True(s3.Code == 0, s3.Out + s3.Err);
        Assert.True(File.Exists(Path.Combine(ours, "from-theirs")));
        Assert.Equal(Git(Ours, ours, "rev-parse", "HEAD"), Git(Reference, theirs, "rev-parse", "HEAD"));
        var mine = Run(Ours, ours, "whereis", "from-theirs");
        Assert.Contains("theirs", mine.Out);
    }

    [Fact]
    public void ConflictsResolveToTheSameTreeOnBothSides()
    {
        if (!Available()) return;
        var origin = NewRepo();
        Assert.Equal(0, Run(Reference, origin, "init", "origin").Code);
        Add(Reference, origin, "base", "base\n");
        Git(Reference, origin, "commit", "-q", "-m", "base");
        var ours = Clone(Ours, origin, "ours");
        var theirs = Clone(Reference, origin, "theirs");
        Git(Ours, ours, "remote", "rm", "origin");
        Git(Reference, theirs, "remote", "rm", "origin");
        Add(Ours, ours, "conflictor", "ours\n");
        Add(Reference, theirs, "conflictor", "theirs\n");
        Assert.Equal(0, Sync(Ours, ours).Code);
        Assert.Equal(0, Sync(Reference, theirs).Code);
        Git(Ours, ours, "remote", "add", "theirs", theirs);
        Git(Reference, theirs, "remote", "add", "ours", ours);

        var s1 = Sync(Ours, ours);
        Assert.True(s1.Code == 0, s1.Out + s1.Err);
        Assert.Contains("Merge conflict was automatically resolved", s1.Out + s1.Err);
        var s2 = Sync(Reference, theirs);
        Assert.True(s2.Code == 0, s2.Out + s2.Err);
        var s3 = Sync(Ours, ours);
        Assert.True(s3.Code == 0, s3.Out + s3.Err);

        string[] Variants(string d) => Directory.GetFileSystemEntries(d, "conflictor.variant-*").Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(2, Variants(ours).Length);
        Assert.Equal(Variants(ours), Variants(theirs));
        Assert.False(File.Exists(Path.Combine(ours, "conflictor")));
        Assert.Equal(Git(Ours, ours, "rev-parse", "HEAD^{tree}"), Git(Reference, theirs, "rev-parse", "HEAD^{tree}"));
    }
}
