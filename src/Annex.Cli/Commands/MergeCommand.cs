using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Adjust;
using Annex.Core.Annex.Sync;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex merge [BRANCH...]` (doc/git-annex-merge.mdwn, Command/Merge.hs): without branches, merges
/// the other repositories' git-annex branches into ours and synced/BRANCH into the current branch;
/// with branches, merges each into the current branch. Unlike sync it does not resolve conflicts.
/// </summary>
public sealed class MergeCommand : ICommand
{
    public string Name => "merge";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Flag("allow-unrelated-histories"), OptionSpec.Flag("no-allow-unrelated-histories")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, Name);
        var output = SyncCommand.Output(ctx);
        bool unrelated = args.Has("allow-unrelated-histories") && !args.Has("no-allow-unrelated-histories");
        if (args.Params.Count == 0)
        {
            ctx.Messages.StartItem("merge", null, null, displayName: AnnexBranch.Name);
            await runner.RunAsync(async () =>
            {
                await BranchUpdate.ForceAsync(repo, ct);
                await repo.Branch.CommitAsync("update", ct);
                return true;
            });
            await SyncCommand.MergeLocalAsync(ctx, repo, runner, unrelated, resolve: false, output, ct);
        }
        else
            foreach (var b in args.Params)
            {
                ctx.Messages.StartItem("merge", null, null, displayName: b);
                await runner.RunAsync(async () =>
                {
                    // On an adjusted branch, BRANCH is merged through the basis as sync does (mergeToAdjustedBranch).
                    if (!repo.Git.IsBare && await AdjustedBranch.CurrentAsync(repo.Git, ct) is { } cur)
                        return await new AdjustedMerge(repo).MergeAsync(b, cur.Original, cur.Adjustment, unrelated, resolve: false, output, ct);
                    return await AutoMerge.MergeFromAsync(repo, b, unrelated, resolve: false, output, ct);
                });
            }
        return runner.Finish();
    }
}
