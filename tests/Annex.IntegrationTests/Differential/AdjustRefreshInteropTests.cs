using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// annex.adjustedbranchrefresh: after get and drop on a hide-missing or unlock-present branch, ours and the
/// reference leave the same work tree and the same adjusted tree. Quirks kept from the reference: "true" reads
/// as 0 (no refresh), and dropping a locked file never triggers a refresh (only unlocked files turned back
/// into pointers do).
/// </summary>
public class AdjustRefreshInteropTests
{
    private static string Clone(string annex)
    {
        var origin = NewRepo();
        Assert.Equal(0, Run(annex, origin, "init", "origin").Code);
        foreach (var f in new[] { "a", "b", "c" }) File.WriteAllText(Path.Combine(origin, f), f + "\n");
        Assert.Equal(0, Run(annex, origin, "add", "a", "b", "c").Code);
        Git(annex, origin, "commit", "-q", "-m", "add");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        Git(annex, clone, "config", "user.name", "Test");
        Git(annex, clone, "config", "user.email", "test@example.com");
        Assert.Equal(0, Run(annex, clone, "init", "clone").Code);
        return clone;
    }

    private static string Names(string dir) =>
        string.Join(' ', Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Where(n => n != ".git").Order());

    /// <summary>Work-tree names, HEAD tree and git status after get A, drop B on an adjusted branch.</summary>
    private static List<string> Scenario(string annex, string[] adjust, string? rate, string[] get, string[] drop)
    {
        var dir = Clone(annex);
        Assert.Equal(0, Run(annex, dir, "get", "a", "b").Code);
        var adj = Run(annex, dir, ["adjust", .. adjust]);
        Assert.True(adj.Code == 0, adj.Out + adj.Err);
        if (rate != null) Git(annex, dir, "config", "annex.adjustedbranchrefresh", rate);
        var seen = new List<string> { Names(dir) };
        if (drop.Length > 0)
        {
            var d = Run(annex, dir, ["drop", "--force", .. drop]);
            Assert.True(d.Code == 0, d.Out + d.Err);
            seen.AddRange([Names(dir), Git(annex, dir, "rev-parse", "HEAD^{tree}"), Git(annex, dir, "status", "--porcelain")]);
        }
        if (get.Length > 0)
        {
            var g = Run(annex, dir, ["get", .. get]);
            Assert.True(g.Code == 0, g.Out + g.Err);
            seen.AddRange([Names(dir), Git(annex, dir, "rev-parse", "HEAD^{tree}"), Git(annex, dir, "status", "--porcelain")]);
        }
        seen.Add(Git(annex, dir, "symbolic-ref", "HEAD"));
        return seen;
    }

    private static void Same(string[] adjust, string? rate, string[] get, string[] drop, Action<List<string>> check)
    {
        if (!Available()) return;
        var ours = Scenario(Ours, adjust, rate, get, drop);
        var theirs = Scenario(Reference, adjust, rate, get, drop);
        check(theirs);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void DroppingAnUnlockedFileWithRefresh1HidesIt() =>
        Same(["--hide-missing", "--unlock"], "1", [], ["a"], s => Assert.Equal(["a b", "b", s[2], "", s[4]], s));

    [Fact]
    public void EveryOtherChangeWithRefresh3AndTheRestAtTheEnd() =>
        Same(["--hide-missing", "--unlock"], "3", [], ["a", "b"], s => Assert.Equal("", s[1]));

    [Fact]
    public void TrueIsReadAsZeroSoNothingIsRefreshed() =>
        Same(["--hide-missing", "--unlock"], "true", [], ["a"], s => Assert.Equal("a b", s[1]));

    [Fact]
    public void DroppingALockedFileDoesNotRefresh() =>
        Same(["--hide-missing"], "1", [], ["a"], s => Assert.Equal("a b", s[1]));

    [Fact]
    public void GettingAFileOnUnlockPresentUnlocksIt() =>
        Same(["--unlock-present"], "1", ["c"], [], s =>
        {
            Assert.Equal("a b c", s[1]);
            Assert.Equal("", s[3]);
        });
}
