using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// Exporting trees to a directory remote with exporttree=yes: the same steps under both implementations give
/// the same directory and the same export.log and location logs; each continues an export the other began
/// (through the shared export database); a file changed in the directory is not overwritten (importtree=yes);
/// content is got back from the export by its path.
/// </summary>
public class ExportInteropTests
{
    private const string RemoteUuid = "44444444-4444-4444-8444-444444444444";

    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);

    private static (string Repo, string Dir) Setup(string annex, bool importTree)
    {
        var repo = NewRepo();
        FixUuid(annex, repo, OriginUuid);
        Ok(Run(annex, repo, "init", "r"));
        File.WriteAllText(Path.Combine(repo, "a"), "hello\n");
        Directory.CreateDirectory(Path.Combine(repo, "sub"));
        File.WriteAllText(Path.Combine(repo, "sub", "b"), "world\n");
        File.WriteAllText(Path.Combine(repo, "c"), "in git\n");
        Ok(Run(annex, repo, "add", "a", "sub/b"));
        Git(annex, repo, "add", "c");
        Git(annex, repo, "commit", "-q", "-m", "one");
        var dir = Directory.CreateTempSubdirectory("annexsharp-export-").FullName;
        Ok(Run(annex, repo, "initremote", "foo", "type=directory", "encryption=none", "directory=" + dir,
            "exporttree=yes", "importtree=" + (importTree ? "yes" : "no"), "uuid=" + RemoteUuid));
        return (repo, dir);
    }

    /// <summary>Moves two annexed files, removes the git file and adds one.</summary>
    private static void ChangeTree(string annex, string repo)
    {
        Git(annex, repo, "mv", "sub/b", "b2");
        Git(annex, repo, "mv", "a", "sub/a2");
        File.WriteAllText(Path.Combine(repo, "d"), "new\n");
        Ok(Run(annex, repo, "add", "d"));
        Git(annex, repo, "rm", "-q", "c");
        Git(annex, repo, "commit", "-q", "-m", "two");
    }

    private static string Contents(string dir) =>
        string.Join("\n", Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(dir, f) + (File.Exists(f) ? "=" + File.ReadAllText(f) : "/")));

    private static string Normalize(string log) =>
        Regex.Replace(Regex.Replace(log, @"\d+(\.\d+)?s\b", "TS"), @"(?<=[ :])\d+ \d+ \d+ \d*(?=[:\n]|$)", "CID");

    private static string BranchLogs(string annex, string repo) =>
        string.Join("\n", Git(annex, repo, "ls-tree", "-r", "--name-only", "git-annex").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f == "export.log" || f.Contains('/'))
            .Order(StringComparer.Ordinal)
            .Select(f => f + ":\n" + string.Join("\n", Normalize(Git(annex, repo, "show", "git-annex:" + f)).Split('\n').Order(StringComparer.Ordinal))));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSameExportStepsGiveTheSameDirectoryAndLogs(bool importTree)
    {
        if (!Available()) return;
        var results = new List<(string Dir1, string Dir2, string Logs, string Out)>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var (repo, dir) = Setup(annex, importTree);
            var first = Run(annex, repo, "export", "master", "--to", "foo");
            Ok(first);
            var dir1 = Contents(dir);
            ChangeTree(annex, repo);
            var second = Run(annex, repo, "export", "master", "--to", "foo");
            Ok(second);
            // The reference's progress lines put "ok" on a line of its own: the items are compared, not the meters.
            var lines = (first.Out + second.Out).Split('\n').Where(l => l.StartsWith("export ") || l.StartsWith("unexport ") || l.StartsWith("rename "))
                .Select(l => Regex.Replace(l, @"\s*(ok)?\s*$", ""));
            results.Add((dir1, Contents(dir), BranchLogs(annex, repo), string.Join("\n", lines)));
            Assert.Equal(Git(annex, repo, "rev-parse", "master"), Git(annex, repo, "rev-parse", "refs/remotes/foo/master"));
            // Both exported trees were grafted into the git-annex branch's history, as export.tree.
            var grafts = Git(annex, repo, "log", "--format=%s", "git-annex").Split('\n').Count(l => l == "graft");
            Assert.Equal(2, grafts);
        }
        Assert.Equal(results[1].Dir1, results[0].Dir1);
        Assert.Equal(results[1].Dir2, results[0].Dir2);
        Assert.Equal(results[1].Logs, results[0].Logs);
        Assert.Equal(results[1].Out, results[0].Out);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EachContinuesAnExportTheOtherBegan(bool importTree)
    {
        if (!Available()) return;
        foreach (var (first, second) in new[] { (Ours, Reference), (Reference, Ours) })
        {
            var (repo, dir) = Setup(first, importTree);
            Ok(Run(first, repo, "export", "master", "--to", "foo"));
            ChangeTree(first, repo);
            var r = Run(second, repo, "export", "master", "--to", "foo");
            Ok(r);
            // Only the differences were sent: a, sub/b were never sent again (renamed, or re-sent with importtree).
            Assert.Contains("export foo d", r.Out);
            Assert.Equal("b2=world\n\nd=new\n\nsub/\nsub/a2=hello\n", Contents(dir));
            var tree = Git(first, repo, "rev-parse", "master^{tree}");
            Assert.EndsWith(" " + tree, Git(first, repo, "show", "git-annex:export.log"));
            // And the first one, back again, finds nothing to do.
            var again = Run(first, repo, "export", "master", "--to", "foo");
            Ok(again);
            Assert.DoesNotContain("export foo", again.Out);
        }
    }

    [Fact]
    public void ExportRefusesToOverwriteAFileChangedInTheDirectory()
    {
        if (!Available()) return;
        foreach (var annex in new[] { Ours, Reference })
        {
            var (repo, dir) = Setup(annex, importTree: true);
            Ok(Run(annex, repo, "export", "master", "--to", "foo"));
            File.WriteAllText(Path.Combine(dir, "a"), "changed there\n");
            File.Delete(Path.Combine(repo, "a"));
            File.WriteAllText(Path.Combine(repo, "a"), "changed here\n");
            Ok(Run(annex, repo, "add", "a"));
            Git(annex, repo, "commit", "-q", "-m", "change");
            var r = Run(annex, repo, "export", "master", "--to", "foo");
            Assert.True(r.Code != 0, annex + ": " + r.Out + r.Err);
            Assert.Equal("changed there\n", File.ReadAllText(Path.Combine(dir, "a")));
        }
    }

    [Fact]
    public void GetFromAnExportRemoteByPathAndItIsUntrusted()
    {
        if (!Available()) return;
        var (repo, _) = Setup(Ours, importTree: false);
        Ok(Run(Ours, repo, "export", "master", "--to", "foo"));
        // The export may be replaced by the next one: it never counts as a copy.
        Assert.NotEqual(0, Run(Ours, repo, "drop", "a").Code);
        Ok(Run(Ours, repo, "drop", "--force", "a"));
        Ok(Run(Ours, repo, "get", "--from", "foo", "a"));
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(repo, "a")));
        // Storing by key on an export remote is refused, as upstream does.
        File.WriteAllText(Path.Combine(repo, "e"), "not exported\n");
        Ok(Run(Ours, repo, "add", "e"));
        var copy = Run(Ours, repo, "copy", "--to", "foo", "e");
        Assert.NotEqual(0, copy.Code);
        Assert.Contains("use `git-annex export`", copy.Out + copy.Err);
    }

    [Fact]
    public void SyncExportsTheTrackingBranchAndRefusesToImport()
    {
        if (!Available()) return;
        var (repo, dir) = Setup(Ours, importTree: false);
        Git(Ours, repo, "config", "remote.foo.annex-tracking-branch", "master");
        Ok(Run(Ours, repo, "sync", "--content"));
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(dir, "a")));
        Assert.False(Directory.Exists(Path.Combine(dir, "tmp")), "no key-based copy went to the export remote");

        var (repo2, _) = Setup(Ours, importTree: true);
        Git(Ours, repo2, "config", "remote.foo.annex-tracking-branch", "master");
        var r = Run(Ours, repo2, "sync", "--no-content");
        Assert.NotEqual(0, r.Code);
        Assert.Contains("not implemented: sync importing from foo", r.Err);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFreshCloneContinuesTheExportExportLogRecords(bool importTree)
    {
        if (!Available()) return;
        foreach (var (first, second) in new[] { (Ours, Ours), (Reference, Ours), (Ours, Reference) })
        {
            var (repo, dir) = Setup(first, importTree);
            Ok(Run(first, repo, "export", "master", "--to", "foo"));
            var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
            Git(second, clone, "clone", "-q", repo, ".");
            Ok(Run(second, clone, "init", "clone"));
            Ok(Run(second, clone, "enableremote", "foo", "directory=" + dir));
            // The reference will not use a remote configured by another repository until it is verified.
            var verify = Run(second, clone, "verifyremote", "foo");
            if (Regex.Match(verify.Out + verify.Err, @"verifyremote foo --safe (\S+)") is { Success: true } m)
                Ok(Run(second, clone, "verifyremote", "foo", "--safe", m.Groups[1].Value));
            Ok(Run(second, clone, "get", "a", "sub/b"));
            ChangeTree(second, clone);
            var r = Run(second, clone, "export", "master", "--to", "foo");
            Assert.True(r.Code == 0, $"{first} then {second}: {r.Out}{r.Err}");
            Assert.Equal("b2=world\n\nd=new\n\nsub/\nsub/a2=hello\n", Contents(dir));
        }
    }
}
