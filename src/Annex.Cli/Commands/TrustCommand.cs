using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex trust|untrust|semitrust|dead REPOSITORY...` (doc/git-annex-trust.mdwn): one verb per trust level.</summary>
public sealed class TrustCommand(string name, TrustLevel level) : ICommand
{
    public string Name => name;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count == 0) throw new UserErrorException("Specify a repository.");
        // Trusted copies are counted without being checked, so the reference asks for --force first.
        if (level == TrustLevel.Trusted && !ctx.Force)
            throw new UserErrorException("Trusting a repository can lead to data loss. If you're sure you know what you're doing, use --force to make this take effect. If you choose to do so, bear in mind that any time you drop content from here, you will risk losing data.");
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, name);
        foreach (var r in args.Params)
        {
            var uuid = await new RemoteNames(repo).ResolveAsync(r, ct);
            ctx.Messages.StartItem(name, r, null, r);
            await runner.RunAsync(async () =>
            {
                await new TrustLogStore(repo).SetAsync(uuid, level, ct);
                // A dead repository is also taken out of every group, as the reference records it.
                if (level == TrustLevel.Dead) await new PreferredContentStore(repo).SetGroupsAsync(uuid, [], ct);
                return true;
            });
        }
        return runner.Finish();
    }
}
