using System.Diagnostics;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Tests.Annex;

/// <summary>Committing the journal after the git-annex branch moved under us (a push straight into it).</summary>
public class JournalCommitTests
{
    private static string Git(string dir, string? input, Dictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (input != null) p.StandardInput.Write(input);
        p.StandardInput.Close();
        var o = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
        return o.Trim();
    }

    [Fact]
    public async Task JournalWrittenAgainstAnOlderBranchIsUnionedWithTheNewOne()
    {
        var dir = Directory.CreateTempSubdirectory("journalcommit-").FullName;
        try
        {
            Git(dir, null, null, "init", "-q");
            await using var repo = await AnnexRepo.OpenAsync(GitRepo.At(dir)!);
            await Init.RunAsync(repo, "test", autoInit: false, CancellationToken.None);
            await repo.Branch.WriteTextAsync("x.log", "1s 1 aaaa\n");
            await repo.Branch.CommitAsync();
            var older = Git(dir, null, null, "rev-parse", "git-annex");

            // Another repository pushes a git-annex branch that gained a line, straight into ours.
            var tmpIndex = Path.Combine(dir, ".git", "other-index");
            var env = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = tmpIndex };
            Git(dir, null, env, "read-tree", older);
            var blob = Git(dir, "1s 1 aaaa\n2s 1 bbbb\n", null, "hash-object", "-w", "--stdin");
            Git(dir, null, env, "update-index", "--add", "--cacheinfo", $"100644,{blob},x.log");
            var tree = Git(dir, null, env, "write-tree");
            var pushed = Git(dir, null, null, "commit-tree", tree, "-p", older, "-m", "pushed");
            Git(dir, null, null, "update-ref", "refs/heads/git-annex", pushed);

            // Meanwhile this process journalled a change computed from the older branch.
            await repo.Branch.WriteTextAsync("x.log", "1s 1 aaaa\n3s 1 cccc\n");
            await repo.Branch.CommitAsync();

            Assert.Equal(pushed, Git(dir, null, null, "rev-parse", "git-annex^"));
            Assert.Equal("1s 1 aaaa\n2s 1 bbbb\n3s 1 cccc", Git(dir, null, null, "show", "git-annex:x.log"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
