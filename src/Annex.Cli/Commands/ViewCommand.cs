using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Annex.Views;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex view [TAG FIELD=GLOB ?TAG FIELD?=GLOB FIELD!=VALUE ...]` (doc/git-annex-view.mdwn,
/// Command/View.hs): builds a view branch of the current branch's files from their metadata and
/// checks it out. vpop, vfilter, vadd and vcycle change the view entered here.
/// </summary>
public sealed class ViewCommand : ICommand
{
    public string Name => "view";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await OpenAsync(ctx, args, ct);
        if (args.Params.Count == 0) throw new UserErrorException("Specify metadata to include in view");
        if (!await SafeToEnterAsync(repo, ct))
        {
            ctx.Messages.ErrorRaw("\n"); // the reference's warning starts on a line of its own
            ctx.Messages.Warning("Your uncommitted changes would be lost when entering a view.");
            throw new UserErrorException("Not safe to enter view.");
        }
        var views = new ViewBranches(repo);
        var branch = await Refs.CurrentBranchAsync(repo.Git, ct) ?? throw new UserErrorException("not on any branch!");
        string? adj = null;
        if (ViewLog.AdjustedToOriginal(branch) is { } a) (adj, branch) = a;
        var view = Views.Make(branch, views.UnsetDirectory, args.Params);
        if (await views.CurrentAsync(ct) is { } cur)
        {
            if (cur.View.Equals(view)) return 0;
            throw new UserErrorException("Already in a view. Use the vfilter and vadd commands to further refine this view.");
        }
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("view", null, null, string.Join(" ", args.Params), displayName: "");
        await runner.RunAsync(async () =>
        {
            ctx.Messages.Note("searching...");
            return await CheckoutAsync(ctx, repo, view, adj, reuse: false, ct);
        });
        return runner.Finish();
    }

    internal static async Task<AnnexRepo> OpenAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        // The reference's view commands have no JSON output and reject the option.
        foreach (var j in new[] { "json", "json-progress", "json-error-messages" })
            if (args.Has(j)) throw new UsageException($"Invalid option `--{j}'");
        var repo = await ctx.InitializedRepoAsync(ct);
        if (repo.Git.IsBare) throw new UserErrorException("You cannot run this command in a bare repository.");
        return repo;
    }

    /// <summary>safeToEnterView: staged changes, or unstaged changes to tracked files, would be lost.</summary>
    private static async Task<bool> SafeToEnterAsync(AnnexRepo repo, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["status", "--porcelain", "-z", "--untracked-files=no", "--ignore-submodules=none"], ct: ct);
        return r.Ok && r.Stdout.Length == 0;
    }

    /// <summary>checkoutViewBranch: builds the branch, checks it out, records the view and removes the
    /// empty directories the checkout left behind.</summary>
    internal static async Task<bool> CheckoutAsync(CommandContext ctx, AnnexRepo repo, View view, string? adjustment, bool reuse,
        CancellationToken ct)
    {
        var branch = await new ViewBranches(repo).BuildAsync(view, adjustment, reuse, ct);
        return await SwitchAsync(ctx, repo, view, branch, ct);
    }

    internal static async Task<bool> SwitchAsync(CommandContext ctx, AnnexRepo repo, View view, string branch, CancellationToken ct)
    {
        SyncCommand.ShowOutput(ctx);
        if (await GitCli.RunInheritAsync(repo.Git, ["checkout", ViewLog.RefBase(branch)], ct: ct) != 0) return false;
        new ViewBranches(repo).SetView(view);
        // The checkout may have removed the directory we are in; child processes need one that exists.
        bool cwdGone = !Directory.Exists(ctx.Cwd);
        if (cwdGone) Directory.SetCurrentDirectory(repo.Git.TopDir);
        await RemoveEmptyDirsAsync(repo, ct);
        if (cwdGone || !Directory.Exists(ctx.Cwd))
            ctx.Messages.Explain("This view does not include the subdirectory you are currently in.\nPerhaps you should:  cd " + repo.Git.TopDir + "\n");
        return true;
    }

    private static async Task RemoveEmptyDirsAsync(AnnexRepo repo, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["ls-files", "-z", "--others", "--directory"], ct: ct);
        foreach (var p in r.StdoutText.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!p.EndsWith('/')) continue;
            try { Directory.Delete(Path.Combine(repo.Git.TopDir, p)); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    internal static async Task<(View View, string? Adjustment)> CurrentOrFailAsync(AnnexRepo repo, CancellationToken ct) =>
        await new ViewBranches(repo).CurrentAsync(ct) ?? throw new UserErrorException("Not in a view.");

    /// <summary>Run by pre-commit: committing in a view updates the metadata of the files moved,
    /// added or removed there (Command/PreCommit.hs addViewMetaData/removeViewMetaData).</summary>
    internal static async Task PreCommitAsync(CommandContext ctx, AnnexRepo repo, CancellationToken ct)
    {
        if (await new ViewBranches(repo).CurrentAsync(ct) is not { View: var view }) return;
        var store = new MetadataStore(repo);
        var runner = new ItemRunner(ctx, "pre-commit");
        foreach (var c in await ViewChanges.StagedAsync(repo, view, ct))
        {
            ctx.Messages.StartItem("metadata", c.File, c.Key.ToString());
            await runner.RunAsync(async () =>
            {
                var lines = c.MetaData.Fields.SelectMany(f => f.Value.Select(v => f.Key + (v.IsSet ? "+" : "-") + "=" + v.Text + "\n"));
                ctx.Messages.Explain(string.Concat(lines));
                if (!c.MetaData.IsEmpty) await store.ChangeAsync(c.Key, c.MetaData, ct);
                return true;
            });
        }
        await ctx.FinishAsync(ct); // pre-commit runs with noCommit, so upstream commits the branch itself here
    }

    /// <summary>sync's pushLocal in a view (Command/Sync.hs updateBranches): the view is brought up to
    /// date with its parent branch and the metadata by merging an "updated" commit into it.</summary>
    internal static async Task SyncUpdateAsync(CommandContext ctx, AnnexRepo repo, CancellationToken ct)
    {
        var views = new ViewBranches(repo);
        if (await views.CurrentAsync(ct) is not { } cur) return;
        if (await views.UpdateAsync(cur.View, cur.Adjustment, ct) is not { } commit) return;
        ctx.Messages.FlushOut();
        if (await GitCli.RunInheritAsync(repo.Git, ["merge", commit], ct: ct) != 0)
            throw new UserErrorException("failed to update view");
    }
}
