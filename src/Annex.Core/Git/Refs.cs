namespace Annex.Core.Git;

/// <summary>Reading and moving refs, making trees and commits: the plumbing the git-annex branch is built with.</summary>
public static class Refs
{
    /// <summary>The sha a ref points to, or null if it does not exist.</summary>
    public static async Task<string?> ShaOfAsync(GitRepo repo, string refName, CancellationToken ct = default)
    {
        var r = await GitCli.RunAsync(repo, ["rev-parse", "--verify", "-q", refName + "^{commit}"], ct: ct);
        var s = r.StdoutText.Trim();
        return r.Ok && s.Length >= 40 ? s : null;
    }

    /// <summary>All refs matching a pattern ("refs/remotes/"), as (name, sha).</summary>
    public static async Task<IReadOnlyList<(string Name, string Sha)>> ListAsync(GitRepo repo, string pattern, CancellationToken ct = default) =>
        await ListAsync(repo, [pattern], ct);

    /// <summary>Refs matching any of several for-each-ref patterns ("refs/remotes/*/git-annex"), in one git process.</summary>
    public static async Task<IReadOnlyList<(string Name, string Sha)>> ListAsync(GitRepo repo, IReadOnlyList<string> patterns, CancellationToken ct = default)
    {
        var r = await GitCli.RunAsync(repo, ["for-each-ref", "--format=%(objectname) %(refname)", .. patterns], ct: ct);
        var list = new List<(string, string)>();
        foreach (var line in r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int sp = line.IndexOf(' ');
            list.Add((line[(sp + 1)..], line[..sp]));
        }
        return list;
    }

    public static async Task UpdateAsync(GitRepo repo, string refName, string sha, CancellationToken ct = default) =>
        await GitCli.ReadAsync(repo, ["update-ref", refName, sha], ct: ct);

    public static async Task<string> WriteTreeAsync(GitRepo repo, IReadOnlyDictionary<string, string?> env, CancellationToken ct = default) =>
        (await GitCli.ReadAsync(repo, ["write-tree"], env: env, ct: ct)).Trim();

    public static async Task<string> CommitTreeAsync(GitRepo repo, string tree, IEnumerable<string> parents, string message,
        CancellationToken ct = default)
    {
        var args = new List<string> { "commit-tree", tree };
        foreach (var p in parents) { args.Add("-p"); args.Add(p); }
        return (await GitCli.ReadAsync(repo, args, System.Text.Encoding.UTF8.GetBytes(message + "\n"), ct: ct)).Trim();
    }

    /// <summary>True when <paramref name="ancestor"/> is reachable from <paramref name="descendant"/>.</summary>
    public static async Task<bool> IsAncestorAsync(GitRepo repo, string ancestor, string descendant, CancellationToken ct = default) =>
        (await GitCli.RunAsync(repo, ["merge-base", "--is-ancestor", ancestor, descendant], ct: ct)).Ok;

    /// <summary>The current branch ("refs/heads/main"), or null when HEAD is detached.</summary>
    public static async Task<string?> CurrentBranchAsync(GitRepo repo, CancellationToken ct = default)
    {
        var r = await GitCli.RunAsync(repo, ["symbolic-ref", "-q", "HEAD"], ct: ct);
        var s = r.StdoutText.Trim();
        return r.Ok && s.Length > 0 ? s : null;
    }
}
