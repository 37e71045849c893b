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
}
