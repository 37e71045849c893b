namespace Annex.Core.Annex.Sync;

/// <summary>
/// Annex.Branch.forceUpdate: merges the git-annex branches fetched from remotes into ours again, even
/// though this run already did so once before fetching.
/// </summary>
public static class BranchUpdate
{
    public static async Task ForceAsync(AnnexRepo repo, CancellationToken ct)
    {
        await repo.Branch.UpdateAsync(ct);
        var sha = await repo.Branch.EnsureExistsAsync(ct);
        await new BranchMerge(repo, repo.Branch).MergeSiblingsAsync(sha, ct);
    }
}
