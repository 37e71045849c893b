using System.Text;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Adjust;

/// <summary>
/// Entering, committing on and propagating from adjusted branches (Annex/AdjustedBranch.hs,
/// doc/design/adjusted_branches.mdwn). The adjusted commit's parent is the basis ref
/// (refs/basis/adjusted/B(x)), its message exactly "git-annex adjusted branch" and its author and committer
/// those of the basis commit, so any clone, ours or the reference, adjusting the same basis gets the same sha.
/// </summary>
public sealed class AdjustedBranch(AnnexRepo repo)
{
    public const string CommitMessage = "git-annex adjusted branch";
    public const string RebaseMessage = "rebasing adjusted branch on top of updated original branch";

    private readonly GitRepo _git = repo.Git;
    private readonly AdjustTree _tree = new(repo);

    /// <summary>The original branch and adjustment when HEAD is an adjusted branch.</summary>
    public static async Task<(string Original, Adjustment Adjustment)?> CurrentAsync(GitRepo git, CancellationToken ct)
    {
        var b = await Refs.CurrentBranchAsync(git, ct);
        return b != null && Adjustment.FromAdjustedBranch(b) is { } x ? (x.Original, x.Adjustment) : null;
    }

    /// <summary>Commits <paramref name="tree"/> as an adjusted commit of <paramref name="basis"/> with the given parents.</summary>
    public async Task<string> CommitAdjustedTreeAsync(string tree, string basis, IReadOnlyList<string> parents, CancellationToken ct)
    {
        var env = await CommitMetaDataAsync(basis, ct);
        var args = new List<string> { "commit-tree", tree };
        foreach (var p in parents) args.AddRange(["-p", p]);
        // The message is given on stdin with no newline, exactly as upstream's commitTreeExactMessage does.
        return (await GitCli.ReadAsync(_git, args, Encoding.UTF8.GetBytes(CommitMessage), env, ct)).Trim();
    }

    /// <summary>Author and committer of a commit, as the environment that makes git reuse them.</summary>
    public async Task<Dictionary<string, string?>> CommitMetaDataAsync(string commit, CancellationToken ct)
    {
        var env = new Dictionary<string, string?>();
        var obj = await GitCli.RunAsync(_git, ["cat-file", "commit", commit], ct: ct);
        if (!obj.Ok) return env;
        foreach (var line in obj.StdoutText.Split('\n'))
        {
            if (line.Length == 0) break;
            foreach (var (field, who) in new[] { ("author ", "AUTHOR"), ("committer ", "COMMITTER") })
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var v = line[field.Length..];
                int lt = v.IndexOf('<'), gt = v.LastIndexOf('>');
                if (lt < 0 || gt < lt) continue;
                env[$"GIT_{who}_NAME"] = v[..lt].TrimEnd();
                env[$"GIT_{who}_EMAIL"] = v[(lt + 1)..gt];
                env[$"GIT_{who}_DATE"] = v[(gt + 1)..].Trim();
            }
        }
        return env;
    }

    /// <summary>Points the basis at <paramref name="origBranch"/> and builds the adjusted branch on it (adjustBranch).</summary>
    public async Task<string> AdjustBranchAsync(Adjustment adj, string origBranch, CancellationToken ct)
    {
        var adjBranch = adj.AdjustedBranch(origBranch);
        var basis = Adjustment.BasisOf(adjBranch);
        var origSha = await Refs.ShaOfAsync(_git, origBranch, ct) ?? throw new UserErrorException($"{origBranch} does not exist");
        await Refs.UpdateAsync(_git, basis, origSha, ct);
        var tree = await _tree.AdjustWholeTreeAsync(adj, basis, ct);
        var commit = await CommitAdjustedTreeAsync(tree, basis, [origSha], ct);
        await GitCli.ReadAsync(_git, ["update-ref", "-m", "entering adjusted branch", adjBranch, commit], ct: ct);
        return adjBranch;
    }

    /// <summary>
    /// Already on this adjusted branch: propagate its commits, and when the adjustment depends on which content
    /// is present, rebuild it and check it out again (updateAdjustedBranch).
    /// </summary>
    public async Task<bool> UpdateAsync(Adjustment adj, string orig, Action<string> warn, CancellationToken ct)
    {
        var adjBranch = adj.AdjustedBranch(orig);
        if (adj.IsStable)
        {
            await PreventCommitsAsync(async () => await PropagateAsync(orig, adj, true, warn, rebase: false, ct));
            return true;
        }
        var headFile = Path.Combine(_git.GitDir, "HEAD");
        string? origHead = null, newHead = null;
        await PreventCommitsAsync(async () =>
        {
            await PropagateAsync(orig, adj, true, warn, rebase: false, ct);
            origHead = await File.ReadAllTextAsync(headFile, ct);
            var sha = await Refs.ShaOfAsync(_git, adjBranch, ct);
            await AdjustBranchAsync(adj, orig, ct);
            // git does nothing when asked to check out the current branch, even if its ref moved; a raw sha in HEAD works around that.
            if (sha != null) { newHead = sha; await File.WriteAllTextAsync(headFile, sha, ct); }
            return true;
        });
        // Quiet: git would warn about the old branch tip being left behind.
        var b = adjBranch["refs/heads/".Length..];
        var ok = await GitCli.RunInheritAsync(_git, ["checkout", b, "--quiet"], ct: ct) == 0;
        if (!ok && newHead != null && origHead != null && await File.ReadAllTextAsync(headFile, ct) == newHead)
            await File.WriteAllTextAsync(headFile, origHead, ct);
        return ok;
    }

    /// <summary>
    /// Propagates commits made on the adjusted branch to the basis and the original branch, then rebases
    /// the adjusted branch on the new basis (propigateAdjustedCommits). Returns the new basis sha.
    /// </summary>
    public async Task<string?> PropagateAsync(string origBranch, Adjustment adj, bool warnWhenDiverged, Action<string> warn,
        bool rebase, CancellationToken ct)
    {
        var adjBranch = adj.AdjustedBranch(origBranch);
        var basis = Adjustment.BasisOf(adjBranch);
        var origSha = await Refs.ShaOfAsync(_git, basis, ct);
        if (origSha == null)
        {
            warn($"Cannot find basis ref {basis}; not propagating adjusted commits to original branch {origBranch}");
            return null;
        }
        var curr = await Refs.ShaOfAsync(_git, adjBranch, ct);
        if (curr == null) return null;
        var log = await GitCli.ReadAsync(_git, ["log", $"{basis}..{adjBranch}", "--pretty=%H", "--reverse"], ct: ct);
        var parent = origSha;
        bool pastAdjCommit = false;
        foreach (var sha in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var c = await ReadCommitAsync(sha, ct);
            if (c == null) continue;
            if (c.Value.Message.TrimEnd('\n', '\r') == CommitMessage) { pastAdjCommit = true; continue; }
            if (!pastAdjCommit) continue;
            parent = await ReverseAdjustedCommitAsync(parent, adj, sha, c.Value, origBranch, ct);
        }
        await Refs.UpdateAsync(_git, basis, parent, ct);
        var origNow = await Refs.ShaOfAsync(_git, origBranch, ct);
        if (origNow != null && origNow != origSha)
        {
            if (warnWhenDiverged) warn($"Original branch {origBranch} has diverged from current adjusted branch {adjBranch}");
        }
        else await Refs.UpdateAsync(_git, origBranch, parent, ct);

        if (rebase) await RebaseAsync(adjBranch, curr, parent, ct);
        return parent;
    }

    /// <summary>Reuses the adjusted branch's current tree on top of the new basis.</summary>
    public async Task RebaseAsync(string adjBranch, string currCommit, string newParent, CancellationToken ct)
    {
        var tree = (await GitCli.ReadAsync(_git, ["rev-parse", currCommit + "^{tree}"], ct: ct)).Trim();
        var commit = await CommitAdjustedTreeAsync(tree, newParent, [newParent], ct);
        await GitCli.ReadAsync(_git, ["update-ref", "-m", RebaseMessage, adjBranch, commit], ct: ct);
    }

    private readonly record struct CommitInfo(string[] Parents, string Message);

    private async Task<CommitInfo?> ReadCommitAsync(string sha, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(_git, ["cat-file", "commit", sha], ct: ct);
        if (!r.Ok) return null;
        var text = r.StdoutText;
        int sep = text.IndexOf("\n\n", StringComparison.Ordinal);
        var header = sep < 0 ? text : text[..sep];
        var parents = header.Split('\n').Where(l => l.StartsWith("parent ", StringComparison.Ordinal)).Select(l => l[7..]).ToArray();
        return new CommitInfo(parents, sep < 0 ? "" : text[(sep + 2)..]);
    }

    private async Task<string> ReverseAdjustedCommitAsync(string commitParent, Adjustment adj, string csha, CommitInfo c,
        string origBranch, CancellationToken ct)
    {
        if (c.Parents.Length > 1)
            throw new UserErrorException($"Unable to propagate merge commit {csha} back to {origBranch} from this adjusted branch. " +
                "To fix this, reset back to before the merge commit,  and use: git-annex merge <branch>");
        var tree = await ReverseAdjustedTreeAsync(commitParent, adj, csha, ct);
        var env = await CommitMetaDataAsync(csha, ct);
        // Upstream passes the message with -m (commitTree), so git normalizes its trailing newline.
        return (await GitCli.ReadAsync(_git, ["commit-tree", tree, "-p", commitParent, "-m", c.Message], env: env, ct: ct)).Trim();
    }

    /// <summary>The basis tree with the files the commit changed replaced by their reverse-adjusted versions.</summary>
    private async Task<string> ReverseAdjustedTreeAsync(string basis, Adjustment adj, string csha, CancellationToken ct)
    {
        var rev = adj.Reverse();
        var r = await GitCli.ReadAsync(_git, ["diff-tree", "-r", "-z", "--raw", "--no-renames", "--root", csha], ct: ct);
        var fields = r.Split('\0');
        var changes = new List<TreeItem>();
        int i = 0;
        // With one commit, diff-tree first prints the commit's sha.
        if (i < fields.Length && !fields[i].StartsWith(':')) i++;
        for (; i + 1 < fields.Length; i += 2)
        {
            var meta = fields[i].TrimStart(':').Split(' ');
            if (meta.Length < 5) break;
            var path = fields[i + 1];
            var dstSha = meta[3];
            if (dstSha == AdjustTree.NullSha) { changes.Add(new TreeItem("0", AdjustTree.NullSha, path)); continue; }
            var ti = new TreeItem(meta[1], dstSha, path);
            if (ti.Mode == "160000") { changes.Add(ti); continue; }
            var n = await _tree.AdjustItemAsync(rev, ti, ct);
            if (n != null) changes.Add(n);
        }
        return await _tree.ApplyAsync(basis, changes, ct);
    }

    /// <summary>
    /// A clone of a repository with an adjusted branch checked out has that branch but neither the original
    /// branch nor the basis: both are set to the parent of the adjusting commit (checkAdjustedClone).
    /// Returns whether HEAD is on an adjusted branch.
    /// </summary>
    public async Task<bool> CheckAdjustedCloneAsync(CancellationToken ct)
    {
        if (_git.IsBare || await CurrentAsync(_git, ct) is not { } cur) return false;
        var adjBranch = cur.Adjustment.AdjustedBranch(cur.Original);
        var basis = Adjustment.BasisOf(adjBranch);
        if (await Refs.ShaOfAsync(_git, basis, ct) != null) return true;
        // Find the adjusting commit, following single parents.
        var sha = await Refs.ShaOfAsync(_git, adjBranch, ct);
        while (sha != null && await ReadCommitAsync(sha, ct) is { } c)
        {
            if (c.Message.TrimEnd('\n', '\r') == CommitMessage)
            {
                if (c.Parents.Length != 1) break;
                if (await Refs.ShaOfAsync(_git, cur.Original, ct) == null) await Refs.UpdateAsync(_git, cur.Original, c.Parents[0], ct);
                await Refs.UpdateAsync(_git, basis, c.Parents[0], ct);
                return true;
            }
            sha = c.Parents.Length == 1 ? c.Parents[0] : null;
        }
        throw new UserErrorException("Unable to clean up from clone of adjusted branch; perhaps you should check out " + Annex.Sync.SyncGit.Base(cur.Original));
    }

    /// <summary>Runs <paramref name="action"/> holding git's index lock, so no commit or merge can move HEAD meanwhile (preventCommits).</summary>
    public async Task<T> PreventCommitsAsync<T>(Func<Task<T>> action)
    {
        var lck = Path.Combine(_git.GitDir, "index.lock");
        FileStream fs;
        try { fs = new FileStream(lck, FileMode.CreateNew, FileAccess.Write); }
        catch (IOException) { throw new UserErrorException($"Unable to lock {lck}: it already exists (is another git process running?)"); }
        try { return await action(); }
        finally { fs.Dispose(); File.Delete(lck); }
    }
}
