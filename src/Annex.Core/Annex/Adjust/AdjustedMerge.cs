using Annex.Core.Annex.Sync;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Adjust;

/// <summary>
/// Merging a (non-adjusted) branch into the checked-out adjusted branch (Annex/AdjustedBranch/Merge.hs).
/// Merging straight into the adjusted branch would conflict on every adjusted file, so the branch is merged
/// into the basis in a throwaway git dir (GIT_DIR with HEAD at the basis, GIT_COMMON_DIR the real one, an
/// empty work tree in .git/annex/merge), conflicts resolved there; the merge is then adjusted and reached
/// from the adjusted branch by a fast-forward merge, which keeps unstaged work-tree changes.
/// </summary>
public sealed class AdjustedMerge(AnnexRepo repo)
{
    private readonly AdjustedBranch _ab = new(repo);

    /// <summary>True when <paramref name="toMerge"/> has commits the adjusted branch lacks (canMergeToAdjustedBranch).</summary>
    public static Task<bool> CanMergeAsync(GitRepo git, string toMerge, string origBranch, Adjustment adj, CancellationToken ct) =>
        SyncGit.ChangedAsync(git, adj.AdjustedBranch(origBranch), toMerge, ct);

    public async Task<bool> MergeAsync(string toMerge, string origBranch, Adjustment adj, bool allowUnrelated, bool resolve,
        MergeOutput output, CancellationToken ct)
    {
        var adjBranch = adj.AdjustedBranch(origBranch);
        var basis = Adjustment.BasisOf(adjBranch);
        var mergeCommit = await _ab.PreventCommitsAsync(async () =>
        {
            var updatedOrig = await _ab.PropagateAsync(origBranch, adj, warnWhenDiverged: false, _ => { }, rebase: false, ct);
            if (updatedOrig == null) return null;
            return await MergeInTempAsync(updatedOrig, toMerge, origBranch, allowUnrelated, resolve, output, ct);
        });
        if (mergeCommit == null) return false;

        await Refs.UpdateAsync(repo.Git, basis, mergeCommit, ct);
        await Refs.UpdateAsync(repo.Git, origBranch, mergeCommit, ct);
        var adjTree = await new AdjustTree(repo).AdjustWholeTreeAsync(adj, mergeCommit, ct);
        var adjMergeCommit = await _ab.CommitAdjustedTreeAsync(adjTree, mergeCommit, [mergeCommit], ct);
        // With the adjusted branch as parent, merging this commit is a fast-forward.
        var curr = await Refs.ShaOfAsync(repo.Git, adjBranch, ct) ?? throw new UserErrorException($"{adjBranch} does not exist");
        var ff = await _ab.CommitAdjustedTreeAsync(adjTree, mergeCommit, [curr], ct);
        output.ShowAction("Merging into adjusted branch");
        if (!await AutoMerge.MergeFromAsync(repo, ff, allowUnrelated, resolve, output, ct)) return false;

        // Attach the merged tree on top of the adjusted merge commit (reparent).
        var head = await Refs.ShaOfAsync(repo.Git, "HEAD", ct);
        if (head == null) return false;
        var headTree = (await GitCli.ReadAsync(repo.Git, ["rev-parse", head + "^{tree}"], ct: ct)).Trim();
        if (headTree != adjTree)
        {
            var c = (await GitCli.ReadAsync(repo.Git, ["commit-tree", headTree, "-p", adjMergeCommit, "-m", "Merged " + toMerge], ct: ct)).Trim();
            await GitCli.ReadAsync(repo.Git, ["update-ref", "-m", "updating adjusted branch", adjBranch, c], ct: ct);
            await _ab.PreventCommitsAsync(() => _ab.PropagateAsync(origBranch, adj, true, output.Warning, rebase: true, ct));
        }
        else await GitCli.ReadAsync(repo.Git, ["update-ref", "-m", "updating adjusted branch", adjBranch, adjMergeCommit], ct: ct);
        return true;
    }

    /// <summary>git (2.13 and still 2.39) looks for refs in GIT_DIR rather than GIT_COMMON_DIR, so they are copied in, as upstream does.</summary>
    private static void CopyRefs(string gitDir, string tmpGit)
    {
        var packed = Path.Combine(gitDir, "packed-refs");
        if (File.Exists(packed)) File.Copy(packed, Path.Combine(tmpGit, "packed-refs"));
        var refs = Path.Combine(gitDir, "refs");
        if (!Directory.Exists(refs)) return;
        foreach (var src in Directory.EnumerateFiles(refs, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(tmpGit, Path.GetRelativePath(gitDir, src));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            try { File.Copy(src, dest); } catch (IOException) { }
        }
    }

    private async Task<string?> MergeInTempAsync(string updatedOrig, string toMerge, string origBranch, bool allowUnrelated,
        bool resolve, MergeOutput output, CancellationToken ct)
    {
        var gitDir = repo.Git.GitDir;
        var othertmp = repo.Locations.OtherTmpDir;
        Directory.CreateDirectory(othertmp);
        var tmpGit = Path.Combine(othertmp, "git" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        var tmpWt = Path.Combine(repo.Locations.AnnexDir, "merge");
        try
        {
            Directory.CreateDirectory(tmpGit);
            if (Directory.Exists(tmpWt)) Directory.Delete(tmpWt, recursive: true);
            Directory.CreateDirectory(tmpWt);
            await File.WriteAllTextAsync(Path.Combine(tmpGit, "HEAD"), updatedOrig, ct);
            CopyRefs(gitDir, tmpGit);
            var tmpRepo = new AnnexRepo(new GitRepo(tmpGit, tmpWt) { CommonDir = gitDir }, repo.Config);
            await using var _ = tmpRepo;
            // Without this reset git merge takes the empty work tree as staged deletions.
            await GitCli.ReadAsync(tmpRepo.Git, ["reset", "HEAD", "--quiet"], ct: ct);
            if (toMerge != origBranch) output.ShowAction("Merging into " + SyncGit.Base(origBranch));
            if (!await AutoMerge.MergeFromAsync(tmpRepo, toMerge, allowUnrelated, resolve, output, ct, inOverlay: true)) return null;
            return (await File.ReadAllTextAsync(Path.Combine(tmpGit, "HEAD"), ct)).Trim();
        }
        finally
        {
            try { Directory.Delete(tmpGit, recursive: true); } catch (IOException) { }
            try { Directory.Delete(tmpWt, recursive: true); } catch (IOException) { }
        }
    }
}
