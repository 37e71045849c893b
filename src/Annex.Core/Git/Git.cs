using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>Runs one git command in a repository. Not for per-file loops: those use the batch coprocesses.</summary>
public static class GitCli
{
    public static Task<ProcessResult> RunAsync(GitRepo repo, IEnumerable<string> args, byte[]? stdin = null,
        IReadOnlyDictionary<string, string?>? env = null, CancellationToken ct = default) =>
        ProcessRunner.RunAsync("git", args, repo.TopDir, repo.GitEnv(env), stdin, ct: ct);

    /// <summary>Runs and returns stdout; a failure becomes a user error carrying git's message.</summary>
    public static async Task<string> ReadAsync(GitRepo repo, IEnumerable<string> args, byte[]? stdin = null,
        IReadOnlyDictionary<string, string?>? env = null, CancellationToken ct = default)
    {
        var r = await RunAsync(repo, args, stdin, env, ct);
        if (!r.Ok) throw new UserErrorException($"git {string.Join(' ', args)} failed: {r.Stderr.Trim()}");
        return r.StdoutText;
    }

    /// <summary>Runs with output passed through (git push/fetch/merge show their own progress).</summary>
    public static Task<int> RunInheritAsync(GitRepo repo, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? env = null, CancellationToken ct = default) =>
        ProcessRunner.RunInheritAsync("git", args, repo.TopDir, repo.GitEnv(env), ct);

    public static CoProcess StartCoProcess(GitRepo repo, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? env = null) =>
        CoProcess.Start("git", args, repo.TopDir, repo.GitEnv(env));
}
