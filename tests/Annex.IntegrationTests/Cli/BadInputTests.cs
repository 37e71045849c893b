using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Cli;

/// <summary>Bad command-line input gets a clear error, a non-zero exit, and changes nothing outside the repository.</summary>
public class BadInputTests
{
    [Fact]
    public void PathsOutsideTheRepositoryAreRefused()
    {
        Assert.True(File.Exists(Ours), $"build the binary first: {Ours}");
        var parent = Directory.CreateTempSubdirectory("annexsharp-bad-").FullName;
        var repo = Path.Combine(parent, "repo");
        Directory.CreateDirectory(repo);
        Git(Ours, repo, "init", "-q");
        Assert.Equal(0, Run(Ours, repo, "init", "-q").Code);
        var outside = Path.Combine(parent, "outside");
        File.WriteAllText(outside, "not yours\n");
        var before = Directory.GetFileSystemEntries(parent).OrderBy(x => x).ToList();

        foreach (var verb in new[] { "add", "get", "drop", "find", "whereis" })
        {
            var r = Run(Ours, repo, verb, "../outside");
            Assert.NotEqual(0, r.Code);
            Assert.Contains("outside repository", r.Err);
        }
        Assert.Equal(before, Directory.GetFileSystemEntries(parent).OrderBy(x => x).ToList());
        Assert.Equal("not yours\n", File.ReadAllText(outside));
        Assert.Null(new FileInfo(outside).LinkTarget);
    }

    [Fact]
    public void UnknownOptionsAndVerbsFailWithUsage()
    {
        Assert.True(File.Exists(Ours), $"build the binary first: {Ours}");
        var dir = Directory.CreateTempSubdirectory("annexsharp-bad-").FullName;
        var r = Run(Ours, dir, "frobnicate");
        Assert.Equal(1, r.Code);
        Assert.StartsWith("Invalid argument `frobnicate'\n\nUsage: git-annex COMMAND", r.Err);
        r = Run(Ours, dir, "find", "--frobnicate");
        Assert.Equal(1, r.Code);
        Assert.StartsWith("Invalid option `--frobnicate'", r.Err);
    }

    [Fact]
    public void SshUrlsThatWouldBeSshOptionsAreRefusedAsTheReferenceRefusesThem()
    {
        if (!Available()) return;
        foreach (var annex in new[] { Ours, Reference })
        {
            var parent = Directory.CreateTempSubdirectory("annexsharp-cve-").FullName;
            var repo = Path.Combine(parent, "repo");
            Directory.CreateDirectory(repo);
            Git(annex, repo, "init", "-q");
            Assert.Equal(0, RunWith(annex, annex, repo, "init", "-q").Code);
            File.WriteAllText(Path.Combine(repo, "f"), "x\n");
            Assert.Equal(0, RunWith(annex, annex, repo, "add", "-q", "f").Code);
            var marker = Path.Combine(parent, "pwned");
            // CVE-2017-12976: a host name ssh would read as an option that runs a command.
            Git(annex, repo, "config", "remote.evil.url", $"ssh://-oProxyCommand=touch%20{marker}/path");
            Git(annex, repo, "config", "remote.evil2.url", $"-oProxyCommand=touch {marker}:path");
            var r = RunWith(annex, annex, repo, "copy", "--to", "evil", "f");
            Assert.NotEqual(0, r.Code);
            Assert.Contains("rejecting ssh hostname that starts with '-'", r.Err);
            Assert.False(File.Exists(marker), $"{annex} ran the proxy command");
        }
    }
}
