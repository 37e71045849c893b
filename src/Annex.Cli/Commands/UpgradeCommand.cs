using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex upgrade [--autoonly]` (doc/git-annex-upgrade.mdwn, Command/Upgrade.hs): brings the repository
/// to version 10. A repository that is not initialised is initialised; one already at version 10 needs
/// nothing. Upgrading the layouts of versions before 10 is not implemented here and fails saying so.
/// </summary>
public sealed class UpgradeCommand : ICommand
{
    public string Name => "upgrade";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("autoonly")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        var runner = new ItemRunner(ctx, "upgrade");
        ctx.Messages.StartItem("upgrade", null, null);
        await runner.RunAsync(async () =>
        {
            var version = repo.RepoVersion;
            if (args.Has("autoonly"))
            {
                if (version is { } v && v < Init.CurrentVersion) throw NotImplemented(v);
                return true;
            }
            if (!repo.IsInitialized) await Init.RunAsync(repo, null, autoInit: false, ct);
            else if (version < Init.CurrentVersion) throw NotImplemented(version!.Value);
            else if (version > Init.CurrentVersion)
                throw new UserErrorException($"Repository version {version} is not supported. Upgrade git-annex.");
            return true;
        });
        return runner.Finish();
    }

    private static UserErrorException NotImplemented(int from) =>
        new($"upgrading a version {from} repository to version {Init.CurrentVersion} is not implemented in this version of git-annex");
}
