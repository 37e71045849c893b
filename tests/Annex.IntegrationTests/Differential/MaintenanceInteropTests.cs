using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>unused, dropunused, migrate, unannex and uninit agree with the reference on the same repositories.</summary>
public class MaintenanceInteropTests
{
    /// <summary>A reference origin with three annexed files and a git file, and a clone of it initialised by <paramref name="annex"/> with all content.</summary>
    private static string MakeClone(string annex)
    {
        var origin = NewRepo();
        Assert.Equal(0, Run(Reference, origin, "init", "theirs").Code);
        File.WriteAllText(Path.Combine(origin, "foo"), "foo\n");
        File.WriteAllText(Path.Combine(origin, "bar"), "bar content\n");
        File.WriteAllText(Path.Combine(origin, "sha1foo"), "sha1 content\n");
        File.WriteAllText(Path.Combine(origin, "ingit"), "in git\n");
        Assert.Equal(0, Run(Reference, origin, "add", "foo", "bar").Code);
        Assert.Equal(0, Run(Reference, origin, "add", "--backend", "SHA1", "sha1foo").Code);
        Git(Reference, origin, "add", "ingit");
        Git(Reference, origin, "commit", "-q", "-m", "add");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        Git(annex, clone, "config", "user.name", "Test");
        Git(annex, clone, "config", "user.email", "test@example.com");
        Assert.Equal(0, Run(annex, clone, "init", "clone").Code);
        Assert.Equal(0, Run(annex, clone, "get").Code);
        return clone;
    }

    private static List<string> UnusedKeys(string json) =>
        Regex.Matches(Regex.Match(json, "\"unused-list\":\\{[^}]*\\}").Value, "\"\\d+\":\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void UnusedFindsTheKeysTheReferenceFinds()
    {
        if (!Available()) return;
        var clone = MakeClone(Ours);
        Git(Ours, clone, "rm", "-q", "foo");
        Git(Ours, clone, "commit", "-q", "-m", "rm foo");
        // Still used by origin/master.
        Assert.Empty(UnusedKeys(Run(Ours, clone, "unused", "--json").Out));
        Assert.Empty(UnusedKeys(Run(Reference, clone, "unused", "--json").Out));
        Git(Ours, clone, "remote", "rm", "origin");
        // A renamed, unstaged link still uses its key; a committed deletion of sha1foo does not.
        Git(Ours, clone, "rm", "-q", "sha1foo");
        Git(Ours, clone, "commit", "-q", "-m", "rm sha1foo");
        File.Move(Path.Combine(clone, "bar"), Path.Combine(clone, "bar2"));
        Git(Ours, clone, "rm", "-q", "--cached", "bar");

        var theirs = Run(Reference, clone, "unused", "--json");
        var ours = Run(Ours, clone, "unused", "--json");
        Assert.Equal(theirs.Code, ours.Code);
        Assert.Equal(2, UnusedKeys(theirs.Out).Count);
        Assert.Equal(UnusedKeys(theirs.Out), UnusedKeys(ours.Out));
        // Same numbering too: both walk the object store in the same order.
        Assert.Equal(theirs.Out, ours.Out);
        Assert.Equal(Run(Reference, clone, "unused").Out, Run(Ours, clone, "unused").Out);

        // Our numbering is read by the reference and the other way round; numcopies is enforced without --force.
        Assert.Equal(1, Run(Ours, clone, "dropunused", "1").Code);
        Assert.Equal(1, Run(Ours, clone, "dropunused", "--force", "3").Code);
        Assert.Equal(0, Run(Reference, clone, "dropunused", "--force", "1").Code);
        Assert.Single(UnusedKeys(Run(Reference, clone, "unused", "--json").Out));
        Assert.Equal(0, Run(Ours, clone, "dropunused", "--force", "all").Code);
        Assert.Empty(UnusedKeys(Run(Reference, clone, "unused", "--json").Out));
    }

    [Fact]
    public void TheReferenceAppliesOurMigration()
    {
        if (!Available()) return;
        var ours = MakeClone(Ours);
        var migrate = Run(Ours, ours, "migrate", "--backend", "SHA1", "foo");
        Assert.Equal(0, migrate.Code);
        Assert.Equal("migrate foo (checksum...) (checksum...) ok\n", migrate.Out.Split("(recording")[0]);
        Git(Ours, ours, "commit", "-q", "-m", "migrated");
        Assert.StartsWith("SHA1-", Run(Reference, ours, "lookupkey", "foo").Out);
        Assert.Equal(0, Run(Reference, ours, "fsck", "-q").Code);

        var theirs = MakeClone(Reference);
        Git(Reference, theirs, "remote", "add", "ours", ours);
        Git(Reference, theirs, "fetch", "-q", "ours");
        var update = Run(Reference, theirs, "migrate", "--update");
        Assert.Equal(0, update.Code);
        Assert.Contains("migrate SHA1-s4--", update.Out);
    }

    [Fact]
    public void WeApplyTheReferencesMigration()
    {
        if (!Available()) return;
        var theirs = MakeClone(Reference);
        Assert.Equal(0, Run(Reference, theirs, "migrate", "--backend", "SHA1", "foo").Code);
        Assert.Equal(0, Run(Reference, theirs, "migrate", "--backend", "SHA256", "sha1foo").Code);
        Git(Reference, theirs, "commit", "-q", "-m", "migrated");

        var ours = MakeClone(Ours);
        Git(Ours, ours, "remote", "add", "theirs", theirs);
        Git(Ours, ours, "fetch", "-q", "theirs");
        var update = Run(Ours, ours, "migrate", "--update");
        Assert.Equal(0, update.Code);
        Assert.Contains("migrate SHA1-s4--", update.Out);
        Assert.Contains("migrate SHA256-s13--", update.Out);
        // Incremental: nothing left to do; the reference agrees the new keys' content is here and sound.
        Assert.DoesNotContain("migrate", Run(Ours, ours, "migrate", "--update").Out);
        Assert.Equal("", Run(Reference, ours, "migrate", "--update").Out.Replace("(recording state in git...)\n", ""));
        Assert.Equal(0, Run(Reference, ours, "fsck", "-q", "--all").Code);
    }

    [Fact]
    public void UpgradeFromVersion8StepsAsTheReferenceDoes()
    {
        if (!Available()) return;
        string Outcome(string annex)
        {
            var repo = NewRepo();
            Assert.Equal(0, Run(Reference, repo, "init", "-q", "--version=8").Code);
            var first = Run(annex, repo, "upgrade");
            var version1 = Git(annex, repo, "config", "annex.version");
            var forced = Run(annex, repo, "upgrade", "--force");
            var version2 = Git(annex, repo, "config", "annex.version");
            var log = string.Join(",", File.ReadAllLines(Path.Combine(repo, ".git/annex/upgrade.log")).Select(l => l.Split(' ')[0]));
            return $"{first.Code} {first.Out} {first.Err} {version1} {forced.Out} {version2} {log} {Git(annex, repo, "config", "filter.annex.process")}";
        }
        Assert.Equal(Outcome(Reference), Outcome(Ours));
    }

    [Fact]
    public void UnannexLeavesWhatTheReferenceLeaves()
    {
        if (!Available()) return;
        string Outcome(string annex)
        {
            var clone = MakeClone(annex);
            var r = Run(annex, clone, "unannex", "foo", "ingit", "--json");
            var status = Git(annex, clone, "status", "--short");
            var mode = File.GetUnixFileMode(Path.Combine(clone, "foo"));
            return $"{r.Code}\n{r.Out}\n{status}\n{mode}\n{File.ReadAllText(Path.Combine(clone, "foo"))}";
        }
        Assert.Equal(Outcome(Reference), Outcome(Ours));
    }

    [Fact]
    public void UninitLeavesWhatTheReferenceLeaves()
    {
        if (!Available()) return;
        string Outcome(string annex)
        {
            var clone = MakeClone(annex);
            var r = Run(annex, clone, "uninit");
            var status = Git(annex, clone, "status", "--short");
            var branches = Git(annex, clone, "branch", "--list");
            var config = Regex.Replace(Git(annex, clone, "config", "--list", "--local"), "(annex-uuid|url)=.*", "");
            return $"{r.Code}\n{r.Out}\n{status}\n{branches}\n{config}\n{Directory.Exists(Path.Combine(clone, ".git/annex"))}";
        }
        Assert.Equal(Outcome(Reference), Outcome(Ours));
    }
}
