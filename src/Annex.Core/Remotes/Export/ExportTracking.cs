using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Core.Remotes.Export;

/// <summary>
/// The remote tracking branch an export of a branch updates (Command/Export.hs getExportCommit and fillExport):
/// exporting "master" or "master:subdir" (not a refs/remotes/ ref) makes refs/remotes/REMOTE/master point at
/// master's commit once everything reached the remote; if the tracking branch holds something else (an
/// import), a merge commit of both is made so neither history is lost.
/// </summary>
public static class ExportTracking
{
    public static async Task<(string Ref, string Commit)?> ExportCommitAsync(AnnexRepo repo, string remoteName, string treeish, CancellationToken ct)
    {
        var baseRef = treeish.Split(':')[0];
        if (baseRef.StartsWith("refs/heads/", StringComparison.Ordinal)) baseRef = baseRef["refs/heads/".Length..];
        if (baseRef.Contains('/') && (await GitCli.RunAsync(repo.Git, ["show-ref", "--verify", "--quiet", "refs/remotes/" + baseRef], ct: ct)).Ok)
            return null;
        var r = await GitCli.RunAsync(repo.Git, ["rev-parse", "--verify", "--quiet", "refs/heads/" + baseRef], ct: ct);
        if (!r.Ok) return null;
        return ($"refs/remotes/{remoteName}/{baseRef}", r.StdoutText.Trim());
    }

    /// <param name="importMerge">An import's commit has no parent: it is merged onto the old tracking branch
    /// (whose tree it replaces) rather than tested for ancestry.</param>
    public static async Task UpdateAsync(AnnexRepo repo, string trackingRef, string commit, CancellationToken ct, bool importMerge = false)
    {
        var cur = await GitCli.RunAsync(repo.Git, ["rev-parse", "--verify", "--quiet", trackingRef], ct: ct);
        var target = commit;
        if (cur.Ok)
        {
            var old = cur.StdoutText.Trim();
            var isAncestor = (await GitCli.RunAsync(repo.Git, ["merge-base", "--is-ancestor", old, commit], ct: ct)).Ok;
            if (importMerge)
                target = (await GitCli.ReadAsync(repo.Git,
                    ["commit-tree", commit + "^{tree}", "-p", old, "-p", commit, "-m", "remote tracking branch"], ct: ct)).Trim();
            else if (!isAncestor)
                target = (await GitCli.ReadAsync(repo.Git,
                    ["commit-tree", commit + "^{tree}", "-p", commit, "-p", old, "-m", "remote tracking branch"], ct: ct)).Trim();
        }
        await GitCli.ReadAsync(repo.Git, ["update-ref", trackingRef, target], ct: ct);
    }
}
