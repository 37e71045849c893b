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
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, name);
        foreach (var r in args.Params)
        {
            var uuid = await new RemoteNames(repo).ResolveAsync(r, ct);
            ctx.Messages.StartItem(name, r, null, r);
            await runner.RunAsync(async () =>
            {
                await new TrustLogStore(repo).SetAsync(uuid, level, ct);
                return true;
            });
        }
        return runner.Finish();
    }
}
