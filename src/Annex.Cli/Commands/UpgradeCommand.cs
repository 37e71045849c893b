using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex upgrade [--autoonly]` (doc/git-annex-upgrade.mdwn, Command/Upgrade.hs): brings the repository
/// to version 10 one step at a time (<see cref="Upgrade"/>). A repository that is not initialised is
/// initialised. A deferred v9 upgrade is a success, with a warning. --autoonly does only the upgrades
/// annex.autoupgraderepository allows, quietly deferring.
/// </summary>
public sealed class UpgradeCommand : ICommand
{
    public string Name => "upgrade";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("autoonly")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        var runner = new ItemRunner(ctx, "upgrade");
        bool auto = args.Has("autoonly");
        ctx.Messages.StartItem("upgrade", null, null);
        await runner.RunAsync(async () =>
        {
            if (!repo.IsInitialized)
            {
                if (!auto) await Init.RunAsync(repo, null, autoInit: false, ct, ui: InitCommand.Ui(ctx));
                return true;
            }
            if (auto && !repo.Config.GetBool("annex.autoupgraderepository", true)) return true;
            while (repo.RepoVersion is { } v && v < Init.CurrentVersion)
            {
                if (Upgrade.ShouldDefer(repo, v, ctx.Force))
                {
                    if (!auto)
                    {
                        if (ctx.Messages.Mode == OutputMode.Normal) ctx.Messages.Raw("\n");
                        ctx.Messages.Warning(Upgrade.DeferredWarning);
                    }
                    break;
                }
                if (!auto) ctx.Messages.Note($"v{v} to v{v + 1}...");
                await Upgrade.StepAsync(repo, v, ct);
            }
            if (repo.RepoVersion > Init.CurrentVersion)
                throw new UserErrorException($"Repository version {repo.RepoVersion} is not supported. Upgrade git-annex.");
            return true;
        });
        return runner.Finish();
    }
}
