using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex uninit` (doc/git-annex-uninit.mdwn, Command/Uninit.hs): checks it may run (not on the
/// git-annex branch, from the top of the work tree, no annex symlinks left outside git), unannexes every
/// file whose content is here (hard-linking the object out when nothing else links it), removes
/// .git/annex when no other content is left in it, then undoes init's configuration and deletes the
/// git-annex branch. Content that would be lost stops it before anything is deleted.
/// </summary>
public sealed class UninitCommand : ICommand
{
    public string Name => "uninit";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "uninit");

        ctx.Messages.StartItem("uninit check", null, null);
        bool ok = false;
        await runner.RunAsync(async () =>
        {
            if (await Refs.CurrentBranchAsync(repo.Git, ct) == AnnexBranch.FullName)
                throw new UserErrorException($"cannot uninit when the {AnnexBranch.Name} branch is checked out");
            if (Path.GetFullPath(ctx.Cwd).TrimEnd('/') != Path.GetFullPath(repo.Git.TopDir).TrimEnd('/'))
                throw new UserErrorException("can only run uninit from the top of the git repository");
            return ok = true;
        });
        if (!ok || !await NoStrayLinksAsync(ctx, repo, runner, ct)) return runner.Finish();

        // uninit hard-links content back where it can (fast), since the object store goes away afterwards.
        await UnannexCommand.UnannexAllAsync(ctx, repo, args, runner, fast: true, ct);

        ctx.Messages.StartItem("uninit objects", null, null);
        ok = false;
        await runner.RunAsync(() =>
        {
            var left = Uninit.RemoveHandedBackObjects(repo);
            if (left.Count > 0) throw new UserErrorException(NotFullyUninitialized(repo));
            Uninit.RemoveAnnexDir(repo.Locations);
            return Task.FromResult(ok = true);
        });
        if (!ok) return runner.Finish();

        ctx.Messages.StartItem("uninit finish", null, null);
        await runner.RunAsync(async () =>
        {
            await Uninit.DeconfigureAsync(repo, ct);
            return true;
        });
        return runner.Finish();
    }

    /// <summary>An annex symlink that git does not know (left by an interrupted add) would be lost: it stops the uninit.</summary>
    private static async Task<bool> NoStrayLinksAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, CancellationToken ct)
    {
        await foreach (var f in LsFiles.ZeroSeparatedAsync(repo.Git, ["ls-files", "-z", "--others", "--"], ct))
        {
            var target = new FileInfo(Path.Combine(repo.Git.TopDir, f)).LinkTarget;
            if (target == null || WorkTree.KeyFromSymlinkTarget(target) == null) continue;
            ctx.Messages.StartItem("uninit check", ctx.Display(repo, f), null);
            await runner.RunAsync(() => throw new UserErrorException(
                $"{f} points to annexed content, but is not checked into git.\n"
                + "Perhaps this was left behind by an interrupted git annex add?\n"
                + "Not continuing with uninit; either delete or git annex add the file and retry.\n"));
            return false;
        }
        return true;
    }

    private static string NotFullyUninitialized(AnnexRepo repo) =>
        "Not fully uninitialized\n"
        + $"Some annexed data is still left in {Path.GetRelativePath(repo.Git.TopDir, repo.Locations.ObjectsDir)}/\n"
        + "This may include deleted files, or old versions of modified files.\n\n"
        + "If you don't care about preserving the data, just delete the\ndirectory.\n\n"
        + "Or, you can move it to another location, in case it turns out\nsomething in there is important.\n\n"
        + "Or, you can run `git annex unused` followed by `git annex dropunused`\n"
        + "to remove data that is not used by any tag or branch, which might\ntake care of all the data.\n\n"
        + "Then run `git annex uninit` again to finish.\n";
}
