using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex groupwanted GROUP [EXPRESSION]` (doc/git-annex-groupwanted.mdwn).</summary>
public sealed class GroupWantedCommand : ICommand
{
    public string Name => "groupwanted";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count == 0) throw new UserErrorException("Specify a group.");
        var repo = await ctx.InitializedRepoAsync(ct);
        var group = args.Params[0];
        var store = new PreferredContentStore(repo);
        if (args.Params.Count == 1)
        {
            ctx.Messages.Raw((await store.GroupExpressionAsync(group, ct) ?? "") + "\n");
            return 0;
        }
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem(Name, group, null, group);
        await runner.RunAsync(async () => { await store.SetGroupExpressionAsync(group, string.Join(' ', args.Params.Skip(1)), ct); return true; });
        return runner.Finish();
    }
}
