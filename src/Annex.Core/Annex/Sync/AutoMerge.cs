using Annex.Core.Git;

namespace Annex.Core.Annex.Sync;

/// <summary>
/// Merges a branch into the current one with `git merge`, and when that conflicts and resolution is
/// wanted, resolves the conflicts on annexed files and commits (Annex/AutoMerge.hs autoMergeFrom).
/// </summary>
public static class AutoMerge
{
    public const string ResolvedCommitMessage = "git-annex automatic merge conflict fix";

    public static async Task<bool> MergeFromAsync(AnnexRepo repo, string branch, bool allowUnrelated, bool resolve,
        MergeOutput output, CancellationToken ct, bool inOverlay = false)
    {
        output.ShowOutput();
        var old = await Refs.ShaOfAsync(repo.Git, "HEAD", ct);
        var args = new List<string>();
        // Directory rename detection plus conflict resolution gives files in a "renamed" directory
        // variant names, so it is turned off unless the user configured it.
        if (resolve && repo.Config.Get("merge.directoryRenames") == null) args.AddRange(["-c", "merge.directoryRenames=false"]);
        args.AddRange(["merge", "--no-edit"]);
        if (output.Quiet) args.Add("--quiet");
        args.Add(branch);
        if (allowUnrelated) args.Add("--allow-unrelated-histories");
        output.Flush();
        if (await GitCli.RunInheritAsync(repo.Git, args, ct: ct) == 0) return true;
        if (!resolve) return false;
        if (!await new ConflictResolver(repo) { InOverlay = inOverlay }.ResolveAsync(old, branch, output, ct)) return false;
        return await CommitResolvedAsync(repo, output, ct);
    }

    public static async Task<bool> CommitResolvedAsync(AnnexRepo repo, MergeOutput output, CancellationToken ct)
    {
        List<string> args = ["commit", "--no-verify", "-m", ResolvedCommitMessage];
        if (output.Quiet) args.Insert(1, "--quiet");
        output.Flush();
        return await GitCli.RunInheritAsync(repo.Git, args, ct: ct) == 0;
    }
}
