using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Annex.Adjust;
using Annex.Core.Annex.Sync;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

public enum SyncMode { Sync, Pull, Push }

/// <summary>
/// `git annex sync`, `pull` and `push` (doc/git-annex-sync.mdwn, -pull.mdwn, -push.mdwn; Command/Sync.hs):
/// commit, merge synced/BRANCH, fetch and merge from each remote (resolving conflicts on annexed
/// files), merge the git-annex branches, then push. Each step is an item that can fail on its own.
/// Content transfer (--content) is done by <see cref="ContentSync"/>, with local-path git remotes.
/// </summary>
public sealed class SyncCommand(SyncMode mode) : ICommand
{
    public string Name => mode switch { SyncMode.Pull => "pull", SyncMode.Push => "push", _ => "sync" };

    public IReadOnlyList<OptionSpec> Options { get; } = BuildOptions(mode);

    private static List<OptionSpec> BuildOptions(SyncMode mode)
    {
        var o = new List<OptionSpec>
        {
            OptionSpec.Flag("only-annex", 'a'), OptionSpec.Flag("not-only-annex"),
            OptionSpec.Flag("content"), OptionSpec.Flag("no-content", 'g'), OptionSpec.Value("content-of", 'C'),
            OptionSpec.Flag("all", 'A'), OptionSpec.Value("jobs", 'J'), OptionSpec.Value("backend"),
        };
        if (mode == SyncMode.Sync)
            o.AddRange([OptionSpec.Flag("commit"), OptionSpec.Flag("no-commit"), OptionSpec.Value("message", 'm'),
                OptionSpec.Flag("pull"), OptionSpec.Flag("no-pull"), OptionSpec.Flag("push"), OptionSpec.Flag("no-push")]);
        if (mode != SyncMode.Pull) o.Add(OptionSpec.Flag("cleanup"));
        if (mode != SyncMode.Push)
            o.AddRange([OptionSpec.Flag("resolvemerge"), OptionSpec.Flag("no-resolvemerge"),
                OptionSpec.Flag("allow-unrelated-histories"), OptionSpec.Flag("no-allow-unrelated-histories")]);
        return o;
    }

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        // The reference's sync, pull, push and forget have no JSON output and reject the option.
        foreach (var j in new[] { "json", "json-progress", "json-error-messages" })
            if (args.Has(j)) throw new UsageException($"Invalid option `--{j}'");
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, Name);
        var output = Output(ctx);
        var git = repo.Git;
        var cfg = repo.Config;

        bool onlyAnnex = !args.Has("not-only-annex") && (args.Has("only-annex") || cfg.GetBool("annex.synconlyannex", false));
        bool pull = mode switch { SyncMode.Pull => true, SyncMode.Push => false, _ => Last(args, "pull", "no-pull", true) };
        bool push = mode switch { SyncMode.Push => true, SyncMode.Pull => false, _ => Last(args, "push", "no-push", true) };
        bool commit = mode == SyncMode.Sync && !onlyAnnex
            && (args.Has("commit") || (!args.Has("no-commit") && cfg.GetBool("annex.autocommit", true)));
        bool resolve = mode != SyncMode.Push && !args.Has("no-resolvemerge") && cfg.GetBool("annex.resolvemerge", true);
        bool unrelated = args.Has("allow-unrelated-histories") && !args.Has("no-allow-unrelated-histories");
        bool content = WantContent(args, cfg, onlyAnnex);

        // Special remotes take part in the content half only: git neither pulls from nor pushes to them.
        var specialNames = (await ctx.RemotesAsync(ct)).OfType<Core.Remotes.Special.SpecialRemote>().Select(r => r.Name).ToHashSet();
        var remotes = SyncRemote.Select(SyncRemote.All(repo), args.Params.Where(n => !specialNames.Contains(n)).ToList(),
            allowNone: args.Params.Count > 0);
        var specialContent = args.Params.Count > 0
            ? specialNames.Where(args.Params.Contains).ToHashSet()
            : specialNames.Where(n => repo.Config.GetBool($"remote.{n}.annex-sync", true)).ToHashSet();

        if (args.Has("cleanup"))
        {
            await CleanupAsync(ctx, repo, runner, remotes, ct);
            return runner.Finish();
        }

        if (commit)
        {
            ctx.Messages.StartItem("commit", null, null, displayName: "");
            await runner.RunAsync(async () =>
            {
                await repo.Branch.CommitAsync("update", ct);
                var messages = args.Values("message");
                List<string> ca = ["commit", "-a"];
                if (output.Quiet) ca.Add("--quiet");
                foreach (var m in messages.Count > 0 ? messages : [await CommitMessageAsync(repo, ct)]) ca.AddRange(["-m", m]);
                ShowOutput(ctx);
                await GitCli.RunInheritAsync(git, ca, ct: ct); // "nothing to commit" is fine
                return true;
            });
        }
        if (!onlyAnnex) await MergeLocalAsync(ctx, repo, runner, unrelated, resolve, output, ct);

        async Task PullAsync()
        {
            if (!pull) return;
            foreach (var r in remotes.Where(r => r.Pull))
            {
                ctx.Messages.StartItem("pull", null, null, displayName: r.Name);
                await runner.RunAsync(async () =>
                {
                    ShowOutput(ctx);
                    if (onlyAnnex)
                    {
                        await SyncGit.FetchAsync(git, r.Name, ["git-annex", "synced/git-annex"], output.Quiet, ct);
                        return true;
                    }
                    if (!await SyncGit.FetchAsync(git, r.Name, [], output.Quiet, ct)) return true;
                    return await MergeRemoteAsync(repo, r, unrelated, resolve, output, ct);
                });
            }
        }
        await PullAsync();
        await MergeAnnexAsync(repo, ct);

        await ContentSync.SyncTrackingBranchesAsync(ctx, repo, runner, args.Params, pull, push, content, ct);
        if (content)
        {
            var names = remotes.Select(r => r.Name).Concat(specialContent).ToHashSet();
            var contentRemotes = (await ctx.RemotesAsync(ct)).Where(r => names.Contains(r.Name)).ToList();
            if (await ContentSync.RunAsync(ctx, repo, runner, contentRemotes, pull, push, ct))
            {
                // Transfers take a while and others may have pushed to the remotes' git-annex branches meanwhile:
                // pull and merge again, so our push does not overwrite their changes (as the reference does).
                await PullAsync();
                if (repo.Branch.Journal.IsDirty)
                {
                    ctx.Messages.Side("(recording state in git...)");
                    await repo.Branch.CommitAsync("update", ct);
                }
                await MergeAnnexAsync(repo, ct);
            }
        }

        if (!onlyAnnex) await UpdateAdjustedAsync(ctx, repo, ct);
        if (!onlyAnnex) await ViewCommand.SyncUpdateAsync(ctx, repo, ct);
        if (push)
        {
            await repo.Branch.CommitAsync("update", ct);
            foreach (var r in remotes)
            {
                var branch = await Refs.CurrentBranchAsync(git, ct);
                if (branch != null && Adjustment.FromAdjustedBranch(branch) is { } adjusted) branch = adjusted.Original;
                if (branch == null || await Refs.ShaOfAsync(git, branch, ct) == null) break;
                var main = onlyAnnex ? null : branch;
                if (r.ReadOnly || !r.Push) continue;
                bool need = (main != null && await SyncGit.NewerAsync(git, r.Name, main, ct))
                    || await SyncGit.NewerAsync(git, r.Name, AnnexBranch.FullName, ct);
                if (!need) continue;
                ctx.Messages.StartItem("push", null, null, displayName: r.Name);
                await runner.RunAsync(async () =>
                {
                    ShowOutput(ctx);
                    var ok = await SyncGit.PushAsync(git, r.Name, main, output.Quiet, s => ctx.Messages.ErrorRaw(s), ct);
                    if (!ok) ctx.Messages.Warning($"Pushing to {r.Name} failed.");
                    return ok;
                });
            }
        }
        return runner.Finish();
    }

    private static bool Last(ParsedArgs args, string on, string off, bool dflt) =>
        args.Has(off) ? false : args.Has(on) || dflt;

    /// <summary>--content/--no-content, else annex.synccontent (default: off for sync, on for pull and push).</summary>
    private bool WantContent(ParsedArgs args, GitConfig cfg, bool onlyAnnex)
    {
        if (args.Has("no-content")) return false;
        if (args.Has("content") || args.Has("content-of")) return true;
        var configured = cfg.Get("annex.synccontent");
        if (configured != null) return GitConfig.ParseBool(configured) ?? false;
        return mode != SyncMode.Sync || onlyAnnex;
    }

    internal static MergeOutput Output(CommandContext ctx) => new(
        () => ctx.Messages.FlushOut(),
        note => { if (ctx.Messages.Mode == OutputMode.Normal) { ctx.Messages.Raw("\n" + "  " + note + "\n"); ctx.Messages.FlushOut(); } },
        w => ctx.Messages.Warning(w),
        ctx.Messages.Mode != OutputMode.Normal)
    {
        ShowOutput = () => ShowOutput(ctx),
        ShowAction = a => ctx.Messages.Note(a + "..."),
    };

    /// <summary>git's own output follows on the next line, as showOutput does.</summary>
    internal static void ShowOutput(CommandContext ctx)
    {
        if (ctx.Messages.Mode == OutputMode.Normal) ctx.Messages.Raw("\n");
        ctx.Messages.FlushOut();
    }

    private static async Task<string> CommitMessageAsync(AnnexRepo repo, CancellationToken ct)
    {
        var descs = await new UuidLogStore(repo).DescriptionsAsync(ct);
        return "git-annex in " + (descs.TryGetValue(repo.Uuid, out var d) ? d : "unknown");
    }

    /// <summary>Merges refs/heads/synced/BRANCH, which other repositories push to, into the current branch.</summary>
    internal static async Task MergeLocalAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, bool unrelated, bool resolve,
        MergeOutput output, CancellationToken ct)
    {
        var git = repo.Git;
        if (git.IsBare) return;
        var branch = await Refs.CurrentBranchAsync(git, ct);
        if (branch == null || branch.StartsWith("refs/heads/views/", StringComparison.Ordinal)) return;
        if (Adjustment.FromAdjustedBranch(branch) is { } adjusted)
        {
            await MergeLocalAdjustedAsync(ctx, repo, runner, adjusted.Original, adjusted.Adjustment, unrelated, resolve, output, ct);
            return;
        }
        var synced = SyncGit.SyncBranch(branch);
        var syncedSha = await Refs.ShaOfAsync(git, synced, ct);
        if (syncedSha == null) return;
        bool born = await Refs.ShaOfAsync(git, branch, ct) != null;
        if (born && !await SyncGit.ChangedAsync(git, branch, synced, ct))
        {
            await DeleteMergedSyncedAsync(git, synced, syncedSha, ct);
            return;
        }
        ctx.Messages.StartItem("merge", null, null, displayName: SyncGit.Describe(synced));
        await runner.RunAsync(async () =>
        {
            if (!born)
            {
                ctx.Messages.Warning($"There are no commits yet to branch {branch}, so cannot merge {synced} into it.");
                return false;
            }
            var ok = await AutoMerge.MergeFromAsync(repo, synced, unrelated, resolve, output, ct);
            if (ok) await DeleteMergedSyncedAsync(git, synced, syncedSha, ct);
            return ok;
        });
    }

    /// <summary>
    /// On an adjusted branch, synced/ORIG and ORIG itself (which a push may have moved) are merged into it
    /// through the basis (Command/Sync.hs needMerge, Annex/AdjustedBranch/Merge.hs).
    /// </summary>
    private static async Task MergeLocalAdjustedAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, string orig, Adjustment adj,
        bool unrelated, bool resolve, MergeOutput output, CancellationToken ct)
    {
        var git = repo.Git;
        var adjBranch = adj.AdjustedBranch(orig);
        var synced = SyncGit.SyncBranch(orig);
        var toMerge = new List<string>();
        if (await SyncGit.ChangedAsync(git, adjBranch, synced, ct)) toMerge.Add(synced);
        if (await AdjustedMerge.CanMergeAsync(git, orig, orig, adj, ct)) toMerge.Add(orig);
        if (toMerge.Count == 0) return;
        ctx.Messages.StartItem("merge", null, null, displayName: string.Join(' ', toMerge.Select(SyncGit.Describe)));
        await runner.RunAsync(async () =>
        {
            bool ok = true;
            foreach (var m in toMerge)
                ok &= await new AdjustedMerge(repo).MergeAsync(m, orig, adj, unrelated, resolve, output, ct);
            return ok;
        });
    }

    /// <summary>
    /// Commits made on an adjusted branch go back to the original branch before pushing, and an adjustment that
    /// depends on present content is redone (Command/Sync.hs updateBranches).
    /// </summary>
    internal static async Task UpdateAdjustedAsync(CommandContext ctx, AnnexRepo repo, CancellationToken ct)
    {
        if (repo.Git.IsBare || await AdjustedBranch.CurrentAsync(repo.Git, ct) is not { } cur) return;
        var ab = new AdjustedBranch(repo);
        await ab.PreventCommitsAsync(() => ab.PropagateAsync(cur.Original, cur.Adjustment, true, ctx.Messages.Warning, rebase: true, ct));
        // With a refresh rate set, get and drop already keep the branch up to date.
        if (!cur.Adjustment.IsStable && AdjustedRefresh.Rate(repo.Config) == 0)
            await repo.AdjustedRefresh.RefreshFullAsync(cur.Adjustment, cur.Original, force: false, ct);
    }

    // Once merged, the local synced/ branch has served its purpose; the current reference removes it.
    private static async Task DeleteMergedSyncedAsync(GitRepo git, string synced, string sha, CancellationToken ct)
    {
        if (await Refs.IsAncestorAsync(git, sha, "HEAD", ct))
            await GitCli.RunAsync(git, ["update-ref", "-d", synced, sha], ct: ct);
    }

    /// <summary>Merges the remote's BRANCH and synced/BRANCH when they have commits we lack.</summary>
    private static async Task<bool> MergeRemoteAsync(AnnexRepo repo, SyncRemote r, bool unrelated, bool resolve, MergeOutput output,
        CancellationToken ct)
    {
        var git = repo.Git;
        if (git.IsBare) return true;
        var branch = await Refs.CurrentBranchAsync(git, ct);
        if (branch == null || branch.StartsWith("refs/heads/views/", StringComparison.Ordinal)) return true;
        var adjusted = Adjustment.FromAdjustedBranch(branch);
        if (adjusted != null) branch = adjusted.Value.Original;
        bool born = await Refs.ShaOfAsync(git, branch, ct) != null;
        var candidates = new[] { SyncGit.RemoteBranch(r.Name, branch), SyncGit.RemoteBranch(r.Name, "synced/" + SyncGit.Base(branch)) };
        var toMerge = new List<string>();
        foreach (var c in candidates)
            if (born ? await SyncGit.ChangedAsync(git, branch, c, ct) : await Refs.ShaOfAsync(git, c, ct) != null)
                toMerge.Add(c);
        bool ok = true;
        foreach (var m in toMerge)
            ok &= adjusted is { } a
                ? await new AdjustedMerge(repo).MergeAsync(m, a.Original, a.Adjustment, unrelated, resolve, output, ct)
                : await AutoMerge.MergeFromAsync(repo, m, unrelated, resolve, output, ct);
        return ok;
    }

    /// <summary>Merges every other git-annex branch into ours again, now that remotes were fetched.</summary>
    internal static async Task MergeAnnexAsync(AnnexRepo repo, CancellationToken ct) =>
        await BranchUpdate.ForceAsync(repo, ct);

    private static async Task CleanupAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, IReadOnlyList<SyncRemote> remotes,
        CancellationToken ct)
    {
        var branch = await Refs.CurrentBranchAsync(repo.Git, ct);
        if (branch == null) return;
        ctx.Messages.StartItem("cleanup", null, null, displayName: "local");
        await runner.RunAsync(async () =>
        {
            foreach (var b in new[] { SyncGit.SyncBranch(branch), SyncGit.SyncedPrefix + "git-annex" })
                if (await Refs.ShaOfAsync(repo.Git, b, ct) != null)
                    await GitCli.RunAsync(repo.Git, ["branch", "-D", SyncGit.Base(b)], ct: ct);
            return true;
        });
        foreach (var r in remotes)
        {
            ctx.Messages.StartItem("cleanup", null, null, displayName: r.Name);
            await runner.RunAsync(async () => (await GitCli.RunAsync(repo.Git,
                ["push", "--quiet", "--delete", r.Name, SyncGit.SyncBranch(branch), SyncGit.SyncedPrefix + "git-annex"], ct: ct)).Ok);
        }
    }
}
