using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// Adjusted branches made by us and by the reference: the same adjusted commit on the same basis, and commits
/// made on one side's adjusted branch reach the other through sync.
/// </summary>
public class AdjustInteropTests
{
    private static string Repo(string annex, string desc)
    {
        var dir = NewRepo();
        Assert.Equal(0, Run(annex, dir, "init", desc).Code);
        return dir;
    }

    /// <summary>An origin with one committed file "a", and an initialised clone of it.</summary>
    private static (string Origin, string Clone) OriginWithACommitAndClone(string annex)
    {
        var origin = Repo(annex, "origin");
        Add(annex, origin, "a", "a\n");
        Git(annex, origin, "commit", "-q", "-m", "a");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        Git(annex, clone, "config", "user.name", "Test");
        Git(annex, clone, "config", "user.email", "test@example.com");
        Assert.Equal(0, Run(annex, clone, "init", "clone").Code);
        return (origin, clone);
    }

    private static void Add(string annex, string dir, string file, string content)
    {
        File.WriteAllText(Path.Combine(dir, file), content);
        var r = Run(annex, dir, "add", file);
        Assert.True(r.Code == 0, r.Out + r.Err);
    }

    [Fact]
    public void BothBuildTheSameAdjustedCommitAndBasis()
    {
        if (!Available()) return;
        ExtraEnv = new() { ["GIT_AUTHOR_DATE"] = "1700000000 +0000", ["GIT_COMMITTER_DATE"] = "1700000000 +0000" };
        try
        {
            var shas = new List<string>();
            foreach (var annex in new[] { Ours, Reference })
            {
                var dir = Repo(annex, "r");
                Add(annex, dir, "a", "a\n");
                Git(annex, dir, "commit", "-q", "-m", "add");
                var r = Run(annex, dir, "adjust", "--unlock");
                Assert.True(r.Code == 0, r.Out + r.Err);
                Assert.Equal("refs/heads/adjusted/master(unlocked)\n", Git(annex, dir, "symbolic-ref", "HEAD"));
                Assert.Equal(Git(annex, dir, "rev-parse", "master"), Git(annex, dir, "rev-parse", "refs/basis/adjusted/master(unlocked)"));
                Assert.Equal("git-annex adjusted branch", Git(annex, dir, "log", "-1", "--format=%B").TrimEnd('\n'));
                Assert.Equal("a\n", File.ReadAllText(Path.Combine(dir, "a")));
                shas.Add(Git(annex, dir, "rev-parse", "HEAD"));
            }
            Assert.Equal(shas[0], shas[1]);
        }
        finally { ExtraEnv = null; }
    }

    [Fact]
    public void AnExistingAdjustedBranchIsNotOverwrittenWithTheSameMessages()
    {
        if (!Available()) return;
        var outputs = new List<(int, string, string)>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var dir = Repo(annex, "r");
            Add(annex, dir, "a", "a\n");
            Git(annex, dir, "commit", "-q", "-m", "add");
            Assert.Equal(0, Run(annex, dir, "adjust", "--unlock").Code);
            // Adjusting again in the adjusted branch succeeds; from the original branch it is refused.
            Assert.Equal(0, Run(annex, dir, "adjust", "--unlock").Code);
            Git(annex, dir, "checkout", "-q", "master");
            outputs.Add(Run(annex, dir, "adjust", "--unlock"));
        }
        Assert.Equal(1, outputs[0].Item1);
        Assert.Equal(outputs[1], outputs[0]);
    }

    [Fact]
    public void CommitsOnAdjustedBranchesReachTheOtherThroughSync()
    {
        if (!Available()) return;
        var origin = Repo(Reference, "origin");
        Add(Reference, origin, "base", "base\n");
        Git(Reference, origin, "commit", "-q", "-m", "base");

        var ours = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        var theirs = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        foreach (var (annex, dir, desc) in new[] { (Ours, ours, "ours"), (Reference, theirs, "theirs") })
        {
            Git(annex, dir, "clone", "-q", origin, ".");
            Git(annex, dir, "config", "user.name", "Test");
            Git(annex, dir, "config", "user.email", "test@example.com");
            Assert.Equal(0, Run(annex, dir, "init", desc).Code);
            var r = Run(annex, dir, "adjust", "--unlock");
            Assert.True(r.Code == 0, r.Out + r.Err);
        }
        Git(Ours, ours, "remote", "add", "theirs", theirs);
        Git(Reference, theirs, "remote", "add", "ours", ours);

        Add(Ours, ours, "from-ours", "ours\n");
        Git(Ours, ours, "commit", "-q", "-m", "ours adds");
        var s1 = RunWith(Ours, Ours, ours, "sync", "--no-content", "theirs");
        Assert.True(s1.Code == 0, s1.Out + s1.Err);
        // The commit went back to master as a locked file.
        Assert.StartsWith("120000", Git(Ours, ours, "ls-tree", "master", "from-ours"));

        var s2 = RunWith(Reference, Reference, theirs, "sync", "--no-content", "ours");
        Assert.True(s2.Code == 0, s2.Out + s2.Err);
        Assert.True(File.Exists(Path.Combine(theirs, "from-ours")));
        Assert.StartsWith("100644", Git(Reference, theirs, "ls-tree", "HEAD", "from-ours"));

        Add(Reference, theirs, "from-theirs", "theirs\n");
        Git(Reference, theirs, "commit", "-q", "-m", "theirs adds");
        Assert.Equal(0, RunWith(Reference, Reference, theirs, "sync", "--no-content", "ours").Code);
        var s3 = RunWith(Ours, Ours, ours, "sync", "--no-content", "theirs");
        Assert.True(s3.Code == 0, s3.Out + s3.Err);
        Assert.True(File.Exists(Path.Combine(ours, "from-theirs")));
        Assert.StartsWith("100644", Git(Ours, ours, "ls-tree", "HEAD", "from-theirs"));
        Assert.Equal(Git(Ours, ours, "rev-parse", "master"), Git(Reference, theirs, "rev-parse", "master"));
        Assert.Equal(Git(Ours, ours, "rev-parse", "HEAD^{tree}"), Git(Reference, theirs, "rev-parse", "HEAD^{tree}"));
    }

    /// <summary>
    /// `adjust --fix` (and `--fix --hide-missing`) in a work tree whose git directory is elsewhere (GIT_DIR and
    /// core.worktree), run from a subdirectory: the symlinks are rewritten through the real git directory,
    /// "../gd/annex/objects/…" at the top and "../../gd/…" below it, giving the reference's adjusted commits;
    /// a rename committed on the fixed branch reaches master with the usual ".git/annex/objects" link.
    /// </summary>
    [Fact]
    public void FixAndHideMissingFixBuildTheReferencesCommits()
    {
        if (!Available()) return;
        var results = new List<string[]>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var date = new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = "1700000000 +0000", ["GIT_COMMITTER_DATE"] = "1700000000 +0000" };
            ExtraEnv = date;
            try
            {
                var dir = Repo(annex, "r");
                Directory.CreateDirectory(Path.Combine(dir, "sub"));
                Add(annex, dir, "a", "a\n");
                Add(annex, dir, "sub/b", "b\n");
                Add(annex, dir, "sub/gone", "gone\n");
                File.WriteAllText(Path.Combine(dir, "sub/plain"), "plain\n");
                Git(annex, dir, "add", "sub/plain");
                Git(annex, dir, "commit", "-q", "-m", "add");
                Assert.Equal(0, Run(annex, dir, "drop", "--force", "sub/gone").Code);

                var top = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
                var (gd, wt) = (Path.Combine(top, "gd"), Path.Combine(top, "wt"));
                Directory.Move(Path.Combine(dir, ".git"), gd);
                Directory.Move(dir, wt);
                Git(annex, top, "--git-dir=gd", "config", "core.worktree", "../wt");
                ExtraEnv = new(date) { ["GIT_DIR"] = gd };
                var sub = Path.Combine(wt, "sub");

                var hm = Run(annex, sub, "adjust", "--fix", "--hide-missing");
                Assert.True(hm.Code == 0, hm.Out + hm.Err);
                Assert.Equal("refs/heads/adjusted/master(hidemissing-fixed)\n", Git(annex, sub, "symbolic-ref", "HEAD"));
                Assert.False(File.Exists(Path.Combine(sub, "gone")) || new FileInfo(Path.Combine(sub, "gone")).LinkTarget != null);
                var hmHead = Git(annex, sub, "rev-parse", "HEAD");

                var fix = Run(annex, sub, "adjust", "--fix");
                Assert.True(fix.Code == 0, fix.Out + fix.Err);
                Assert.Equal("../gd/annex/objects/", new FileInfo(Path.Combine(wt, "a")).LinkTarget![..20]);
                Assert.StartsWith("../../gd/annex/objects/", new FileInfo(Path.Combine(sub, "b")).LinkTarget);
                Assert.Equal("b\n", File.ReadAllText(Path.Combine(sub, "b")));
                var fixHead = Git(annex, sub, "rev-parse", "HEAD");

                // A rename on the fixed branch goes back to master unfixed when the branch is adjusted again.
                Git(annex, sub, "mv", "b", "../b2");
                Git(annex, sub, "commit", "-q", "-m", "rename");
                var again = Run(annex, sub, "adjust", "--fix");
                Assert.True(again.Code == 0, again.Out + again.Err);
                Assert.Equal(".git/annex/objects/", Git(annex, sub, "cat-file", "-p", "master:b2")[..19]);
                results.Add([hmHead, fixHead, Git(annex, sub, "ls-tree", "-r", "--full-tree", "HEAD"), Git(annex, sub, "rev-parse", "master")]);
            }
            finally { ExtraEnv = null; }
        }
        Assert.Equal(results[1], results[0]);
    }

    /// <summary>
    /// `git annex merge BRANCH` and `sync` on an adjusted branch merge through the basis (mergeToAdjustedBranch)
    /// and show the same "(Merging into master...)" and "(Merging into adjusted branch...)" steps, with git's
    /// output on the following lines; the commits made are the reference's.
    /// </summary>
    [Theory]
    [InlineData("merge")]
    [InlineData("sync")]
    public void MergingIntoAnAdjustedBranchShowsTheSameStepsAndMakesTheSameCommits(string how)
    {
        if (!Available()) return;
        var results = new List<List<string>>();
        ExtraEnv = new() { ["GIT_AUTHOR_DATE"] = "1700000000 +0000", ["GIT_COMMITTER_DATE"] = "1700000000 +0000" };
        try
        {
            foreach (var annex in new[] { Ours, Reference })
            {
                var (origin, clone) = OriginWithACommitAndClone(annex);
                Assert.Equal(0, Run(annex, clone, "adjust", "--unlock").Code);
                Add(annex, origin, "b", "b\n");
                Git(annex, origin, "commit", "-q", "-m", "b");
                Git(annex, clone, "fetch", "-q", "origin");

                var r = how == "merge" ? Run(annex, clone, "merge", "origin/master") : Run(annex, clone, "sync", "--no-content", "--no-push");
                Assert.True(r.Code == 0, r.Out + r.Err);
                // The git-annex branch's own merge notes are not what this test is about.
                var lines = r.Out.Split('\n').Where(l => !l.StartsWith("(merging origin/git-annex") && !l.StartsWith("(recording state")).ToList();
                Assert.Contains(how == "merge" ? "merge origin/master (Merging into master...) " : "(Merging into master...) ", lines);
                Assert.Contains("(Merging into adjusted branch...) ", lines);
                Assert.StartsWith("/annex/objects/", File.ReadAllText(Path.Combine(clone, "b"))); // unlocked, content not here
                results.Add([.. lines, Git(annex, clone, "rev-parse", "HEAD", "master", "refs/basis/adjusted/master(unlocked)")]);
            }
        }
        finally { ExtraEnv = null; }
        Assert.Equal(results[1], results[0]);
    }

    /// <summary>Outside adjusted branches too, a merge after sync's fetch starts with the newline the reference prints.</summary>
    [Fact]
    public void PullingIntoAPlainBranchLeavesTheReferencesBlankLineBeforeGitsOutput()
    {
        if (!Available()) return;
        var outs = new List<string>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var (origin, clone) = OriginWithACommitAndClone(annex);
            Add(annex, origin, "b", "b\n");
            Git(annex, origin, "commit", "-q", "-m", "b");
            var r = Run(annex, clone, "sync", "--no-content", "--no-push", "--no-commit");
            Assert.True(r.Code == 0, r.Out + r.Err);
            var o = r.Out;
            outs.Add(o[o.IndexOf("pull origin", StringComparison.Ordinal)..(o.IndexOf("Updating ", StringComparison.Ordinal) + 9)]);
        }
        Assert.Equal("pull origin \n\nUpdating ", outs[1]);
        Assert.Equal(outs[1], outs[0]);
    }
}
