using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Adjust;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex adjust --unlock|--lock|--fix|--hide-missing|--unlock-present` (doc/git-annex-adjust.mdwn,
/// Command/Adjust.hs, Annex/AdjustedBranch.hs enterAdjustedBranch): builds adjusted/B(x) on refs/basis/…
/// and checks it out; in that branch already, re-adjusts it (after propagating its commits).
/// </summary>
public sealed class AdjustCommand : ICommand
{
    public string Name => "adjust";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Flag("unlock"), OptionSpec.Flag("lock"), OptionSpec.Flag("fix"),
        OptionSpec.Flag("hide-missing"), OptionSpec.Flag("unlock-present"),
    ];

    private static Adjustment? FromArgs(ParsedArgs args)
    {
        LinkAdjustment? link = args.Has("unlock") ? LinkAdjustment.Unlock : args.Has("lock") ? LinkAdjustment.Lock
            : args.Has("fix") ? LinkAdjustment.Fix : null;
        if (args.Has("hide-missing")) return Adjustment.OfPresence(PresenceAdjustment.HideMissing, link);
        if (link is { } l) return Adjustment.OfLink(l);
        if (args.Has("unlock-present")) return Adjustment.OfLockUnlockPresent(LockUnlockPresentAdjustment.UnlockPresent);
        return null;
    }

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var adj = FromArgs(args) ?? throw new UsageException(
            "Missing: (--unlock | --lock | --fix | --hide-missing | --unlock-present)");
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("adjust", null, null, displayName: "");
        await runner.RunAsync(() => EnterAsync(ctx, repo, adj, ct));
        return runner.Finish();
    }

    internal static async Task<bool> EnterAsync(CommandContext ctx, AnnexRepo repo, Adjustment adj, CancellationToken ct)
    {
        var git = repo.Git;
        var ab = new AdjustedBranch(repo);
        var curr = await Refs.CurrentBranchAsync(git, ct);
        if (curr == null)
        {
            ctx.Messages.Warning("not on any branch!");
            return false;
        }
        var start = DateTimeOffset.UtcNow;
        if (Adjustment.FromAdjustedBranch(curr) is { } cur && cur.Adjustment == adj)
        {
            var ok = await UpdateAsync(ctx, repo, adj, cur.Original, ct);
            if (ok) AdjustLog.RecordFinished(repo, start);
            return ok;
        }
        var orig = Adjustment.FromAdjustedBranch(curr)?.Original ?? curr;
        var adjBranch = adj.AdjustedBranch(orig);
        if (await Refs.ShaOfAsync(git, adjBranch, ct) != null && !ctx.Force && !orig.StartsWith("refs/heads/views/", StringComparison.Ordinal))
        {
            // The reference ends the open item line on stdout once per warning.
            foreach (var w in new[]
            {
                $"adjusted branch {SyncDescribe(adjBranch)} already exists.",
                $"Aborting because that branch may have changes that have not yet reached {SyncDescribe(orig)}",
                "You can check out the adjusted branch manually to enter it, or add the --force option to overwrite the old branch.",
            })
            {
                if (ctx.Messages.Mode == Output.OutputMode.Normal) ctx.Messages.Raw("\n");
                ctx.Messages.Warning(w);
            }
            return false;
        }
        await ab.PreventCommitsAsync(() => ab.AdjustBranchAsync(adj, orig, ct));
        var entered = await CheckoutAsync(ctx, git, adjBranch, quiet: false, ct);
        if (entered) AdjustLog.RecordFinished(repo, start);
        return entered;
    }

    private static string SyncDescribe(string r) => Annex.Core.Annex.Sync.SyncGit.Describe(r);

    internal static async Task<bool> CheckoutAsync(CommandContext ctx, GitRepo git, string branch, bool quiet, CancellationToken ct)
    {
        if (!quiet) SyncCommand.ShowOutput(ctx);
        var b = branch.StartsWith("refs/heads/", StringComparison.Ordinal) ? branch["refs/heads/".Length..] : branch;
        return await GitCli.RunInheritAsync(git, ["checkout", b, quiet ? "--quiet" : "--progress"], ct: ct) == 0;
    }

    /// <summary>Already on this adjusted branch: propagate its commits and rebuild it when needed (updateAdjustedBranch).</summary>
    internal static Task<bool> UpdateAsync(CommandContext ctx, AnnexRepo repo, Adjustment adj, string orig, CancellationToken ct) =>
        new AdjustedBranch(repo).UpdateAsync(adj, orig, ctx.Messages.Warning, ct);
}
