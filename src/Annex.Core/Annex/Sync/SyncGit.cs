using Annex.Core.Git;

namespace Annex.Core.Annex.Sync;

/// <summary>
/// The git side of sync (Command/Sync.hs): which branches to merge, fetching, and pushing with the
/// refspecs the reference uses (a direct push of the branch, then BRANCH:synced/BRANCH when the direct
/// push was refused, +git-annex:synced/git-annex, then a quiet push of git-annex).
/// </summary>
public static class SyncGit
{
    public const string SyncedPrefix = "refs/heads/synced/";

    /// <summary>"refs/heads/master" -> "master".</summary>
    public static string Base(string branch) =>
        branch.StartsWith("refs/heads/", StringComparison.Ordinal) ? branch["refs/heads/".Length..] : branch;

    /// <summary>A ref as git-annex shows it: without refs/heads/ or refs/remotes/.</summary>
    public static string Describe(string refName) =>
        refName.StartsWith("refs/heads/", StringComparison.Ordinal) ? refName["refs/heads/".Length..]
        : refName.StartsWith("refs/remotes/", StringComparison.Ordinal) ? refName["refs/remotes/".Length..] : refName;

    public static string SyncBranch(string branch) => SyncedPrefix + Base(branch);

    public static string RemoteBranch(string remote, string branch) => $"refs/remotes/{remote}/{Base(branch)}";

    /// <summary>True when <paramref name="to"/> exists and has commits that <paramref name="from"/> lacks (Git.Branch.changed).</summary>
    public static async Task<bool> ChangedAsync(GitRepo git, string from, string to, CancellationToken ct)
    {
        if (await Refs.ShaOfAsync(git, to, ct) == null) return false;
        var r = await GitCli.RunAsync(git, ["log", $"{from}..{to}", "--pretty=%H", "-n1"], ct: ct);
        return r.Ok && r.StdoutText.Trim().Length > 0;
    }

    /// <summary>True when the remote-tracking ref is missing or lacks commits of <paramref name="branch"/>: a push is needed.</summary>
    public static async Task<bool> NewerAsync(GitRepo git, string remote, string branch, CancellationToken ct)
    {
        var rb = RemoteBranch(remote, branch);
        if (await Refs.ShaOfAsync(git, rb, ct) == null) return true;
        return await ChangedAsync(git, rb, branch.StartsWith("refs/", StringComparison.Ordinal) ? branch : "refs/heads/" + branch, ct);
    }

    public static async Task<bool> FetchAsync(GitRepo git, string remote, IReadOnlyList<string> refspecs, bool quiet, CancellationToken ct)
    {
        List<string> args = ["fetch"];
        if (quiet) args.Add("--quiet");
        args.Add(remote);
        args.AddRange(refspecs);
        return await GitCli.RunInheritAsync(git, args, ct: ct) == 0;
    }

    /// <summary>Pushes <paramref name="branch"/> (null: only the git-annex branch) as the reference does; false when the sync push failed.</summary>
    public static async Task<bool> PushAsync(GitRepo git, string remote, string? branch, bool quiet, Action<string> stderr, CancellationToken ct)
    {
        bool direct = false;
        if (branch != null)
        {
            var r = await GitCli.RunAsync(git, PushArgs(remote, quiet, [Base(branch)]), ct: ct);
            direct = r.Ok;
            var shown = FilterDirectPushErrors(r.Stderr);
            if (shown.Length > 0) stderr(shown);
        }
        var refspecs = new List<string>();
        if (branch != null && !direct) refspecs.Add($"{Base(branch)}:synced/{Base(branch)}");
        refspecs.Add("+git-annex:synced/git-annex");
        bool ok = await GitCli.RunInheritAsync(git, PushArgs(remote, quiet, refspecs), ct: ct) == 0;
        await GitCli.RunAsync(git, PushArgs(remote, quiet, ["git-annex"]), ct: ct);
        return ok;
    }

    private static List<string> PushArgs(string remote, bool quiet, IEnumerable<string> refspecs)
    {
        List<string> args = ["push"];
        if (quiet) args.Add("--quiet");
        args.Add(remote);
        args.AddRange(refspecs);
        return args;
    }

    /// <summary>
    /// The direct push to a non-bare remote is refused with a long explanation of receive.denyCurrentBranch
    /// that the user did not ask about: from the first "remote: " line on, the output is dropped when it
    /// mentions that setting. Other errors and progress are kept.
    /// </summary>
    public static string FilterDirectPushErrors(string stderr)
    {
        var lines = stderr.Replace("\r\n", "\n").Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        int firstRemote = Array.FindIndex(lines, l => l.StartsWith("remote: ", StringComparison.Ordinal));
        var shown = firstRemote < 0 ? lines.ToList() : lines[..firstRemote].ToList();
        if (firstRemote >= 0 && !lines[firstRemote..].Any(l => l.Contains("receive.denyCurrentBranch", StringComparison.Ordinal)))
            shown.AddRange(lines[firstRemote..]);
        return shown.Count == 0 ? "" : string.Join("\n", shown) + "\n";
    }
}
