using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Adjust;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex init [description] [--version N]` (doc/git-annex-init.mdwn).</summary>
public sealed class InitCommand : ICommand
{
    public string Name => "init";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("version"), OptionSpec.Flag("autoenable"), OptionSpec.Flag("no-autoenable")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        var description = args.Params.Count > 0 ? string.Join(' ', args.Params) : null;
        int version = Init.CurrentVersion;
        if (args.Value("version") is { } vs)
        {
            if (!int.TryParse(vs, out version)) throw new UserErrorException($"Bad repository version: {vs}");
            // The reference upgrades requests for older supported versions to the current one.
            if (Init.SupportedVersions.Contains(version)) version = Init.CurrentVersion;
        }
        var runner = new ItemRunner(ctx, "init");
        ctx.Messages.StartItem("init", null, null, displayName: description ?? "");
        // Special remotes are autoenabled only when this initialises the repository (10.20261026: in an initialised
        // repository, files from a newly enabled remote could leak out through git-annex processes already running).
        bool wasInitialized = repo.IsInitialized;
        await runner.RunAsync(async () =>
        {
            if (args.Has("autoenable") && wasInitialized && !ctx.Force)
                throw new UserErrorException("It is not safe to autoenable new special remotes if any other git-annex processes may be running. Pass --force if you are sure you want to do this.");
            await Init.RunAsync(repo, description, autoInit: false, ct, version, Ui(ctx));
            if (!args.Has("no-autoenable") && (!wasInitialized || args.Has("autoenable")))
                await Core.Remotes.Special.AutoEnable.RunAsync(repo, ctx.Cwd, ctx.Messages.SideAction, ctx.Messages.ItemWarning, ct);
            return true;
        });
        return runner.Finish();
    }

    /// <summary>
    /// Init's warnings as git-annex's `warning` shows them (each ends the open stdout line, then goes to stderr
    /// indented; with --json-error-messages they are the open item's error-messages), and the adjusted branch
    /// entered as `adjust` would, with git's checkout output shown (Annex/AdjustedBranch.hs
    /// adjustToCrippledFileSystem: an existing adjusted branch is just checked out).
    /// </summary>
    /// <param name="itemOpen">Whether an item (init, upgrade) is being reported, to which JSON errors can be added.</param>
    internal static InitUi Ui(CommandContext ctx, bool itemOpen = true) => new(
        w =>
        {
            if (itemOpen && ctx.Messages.Json && ctx.Messages.JsonErrorMessages) { ctx.Messages.ItemError(w); return; }
            if (ctx.Messages.Mode == Output.OutputMode.Normal) ctx.Messages.Raw("\n");
            ctx.Messages.Warning(w);
        },
        async (repo, adj, ct) =>
        {
            var curr = await Refs.CurrentBranchAsync(repo.Git, ct);
            var orig = curr == null ? null : Adjustment.FromAdjustedBranch(curr)?.Original ?? curr;
            if (orig != null && await Refs.ShaOfAsync(repo.Git, adj.AdjustedBranch(orig), ct) is not null)
                return await AdjustCommand.CheckoutAsync(ctx, repo.Git, adj.AdjustedBranch(orig), quiet: false, ct);
            return await AdjustCommand.EnterAsync(ctx, repo, adj, ct);
        });
}
