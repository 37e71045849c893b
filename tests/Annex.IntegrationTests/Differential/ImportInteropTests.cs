using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// Importing: from an importtree=yes directory remote, both implementations build the same tree (same blobs,
/// same keys) and the same shape of remote tracking branch, and a change made in the directory after an
/// export is imported and conflicts as upstream's test expects; `import PATH` with the duplicate options
/// leaves the same work tree and import location.
/// </summary>
public class ImportInteropTests
{
    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);

    private static (string Repo, string Dir) Setup(string annex)
    {
        var repo = NewRepo();
        FixUuid(annex, repo, OriginUuid);
        Ok(Run(annex, repo, "init", "r"));
        File.WriteAllText(Path.Combine(repo, "a"), "hello\n");
        Ok(Run(annex, repo, "add", "a"));
        Git(annex, repo, "commit", "-q", "-m", "one");
        var dir = Directory.CreateTempSubdirectory("annexsharp-import-").FullName;
        Ok(Run(annex, repo, "initremote", "foo", "type=directory", "encryption=none", "directory=" + dir,
            "exporttree=yes", "importtree=yes", "uuid=44444444-4444-4444-8444-444444444444"));
        return (repo, dir);
    }

    [Fact]
    public void ImportBuildsTheSameTreeAndTrackingBranch()
    {
        if (!Available()) return;
        var results = new List<string>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var (repo, dir) = Setup(annex);
            Ok(Run(annex, repo, "export", "master", "--to", "foo"));
            File.WriteAllText(Path.Combine(dir, "import"), "imported\n");
            Directory.CreateDirectory(Path.Combine(dir, "s"));
            File.WriteAllText(Path.Combine(dir, "s", "x"), "deep\n");
            Ok(Run(annex, repo, "import", "master", "--from", "foo"));
            var shape = Git(annex, repo, "log", "--format=%s %P", "refs/remotes/foo/master").Split('\n')
                .Select(l => Regex.Replace(l, "[0-9a-f]{40}", "P"))
                .Order(StringComparer.Ordinal); // two root commits made in the same second come in either order
            results.Add(Git(annex, repo, "ls-tree", "-r", "refs/remotes/foo/master") + string.Join("\n", shape)
                + Regex.Replace(Git(annex, repo, "show", "git-annex:export.log"), @"^\d+s ", ""));
            Ok(Run(annex, repo, "merge", "foo/master"));
            Assert.Equal("imported\n", File.ReadAllText(Path.Combine(repo, "import")));
        }
        Assert.Equal(results[1], results[0]);
    }

    [Fact]
    public void AChangeInTheDirectoryIsImportedAndConflicts()
    {
        if (!Available()) return;
        var (repo, dir) = Setup(Ours);
        Ok(Run(Ours, repo, "export", "master", "--to", "foo"));
        File.WriteAllText(Path.Combine(dir, "a"), "changed there\n");
        File.Delete(Path.Combine(repo, "a"));
        File.WriteAllText(Path.Combine(repo, "a"), "changed here\n");
        Ok(Run(Ours, repo, "add", "a"));
        Git(Ours, repo, "commit", "-q", "-m", "here");
        Assert.NotEqual(0, Run(Ours, repo, "export", "master", "--to", "foo").Code);
        Ok(Run(Ours, repo, "import", "master", "--from", "foo"));
        Assert.NotEqual(0, RunWith(Ours, "git", repo, "merge", "foo/master", "-mmerge").Code);
        // Resolved here, the export may now replace the imported change it knows about.
        File.Delete(Path.Combine(repo, "a"));
        File.WriteAllText(Path.Combine(repo, "a"), "resolved\n");
        Ok(Run(Ours, repo, "add", "a"));
        Git(Ours, repo, "commit", "-q", "-a", "-m", "resolved");
        Ok(Run(Ours, repo, "export", "master", "--to", "foo"));
        Assert.Equal("resolved\n", File.ReadAllText(Path.Combine(dir, "a")));
    }

    [Fact]
    public void ImportingLocalFilesWithDuplicateOptionsMatchesTheReference()
    {
        if (!Available()) return;
        var results = new List<string>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var repo = NewRepo();
            Ok(Run(annex, repo, "init", "r"));
            var src = Directory.CreateTempSubdirectory("annexsharp-src-").FullName;
            var d1 = Path.Combine(src, "d1");
            Directory.CreateDirectory(d1);
            File.WriteAllText(Path.Combine(d1, "f"), "x\n");
            Ok(Run(annex, repo, "import", d1));
            File.WriteAllText(Path.Combine(d1, "dup"), "x\n");
            File.WriteAllText(Path.Combine(d1, "new"), "y\n");
            Ok(Run(annex, repo, "import", "--skip-duplicates", d1));
            var afterSkip = string.Join(",", Directory.EnumerateFiles(d1).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Ok(Run(annex, repo, "import", "--clean-duplicates", d1));
            var afterClean = string.Join(",", Directory.EnumerateFiles(d1).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            results.Add(afterSkip + "|" + afterClean + "|" + Git(annex, repo, "status", "--short"));
        }
        Assert.Equal(results[1], results[0]);
    }
}
