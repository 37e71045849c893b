using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Matching;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex wanted|required REPOSITORY [EXPRESSION]` (doc/git-annex-wanted.mdwn): show or set an expression.</summary>
public sealed class WantedCommand(string name, string logFile) : ICommand
{
    public string Name => name;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count == 0) throw new UserErrorException("Specify a repository.");
        var repo = await ctx.InitializedRepoAsync(ct);
        var who = args.Params[0];
        var uuid = await new RemoteNames(repo).ResolveAsync(who, ct);
        var store = new PreferredContentStore(repo);
        if (args.Params.Count == 1)
        {
            ctx.Messages.Raw((await store.ExpressionAsync(logFile, uuid, ct) ?? "") + "\n");
            return 0;
        }
        var expression = string.Join(' ', args.Params.Skip(1));
        new PreferredContent(repo).Validate(expression, uuid); // refuse what cannot be parsed
        var runner = new ItemRunner(ctx, name);
        ctx.Messages.StartItem(name, who, null, who);
        await runner.RunAsync(async () => { await store.SetExpressionAsync(logFile, uuid, expression, ct); return true; });
        return runner.Finish();
    }
}
