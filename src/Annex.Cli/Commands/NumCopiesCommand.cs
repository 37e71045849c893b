using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex numcopies [N]` and `git annex mincopies [N]` (doc/git-annex-numcopies.mdwn): show or set the policy.</summary>
public sealed class NumCopiesCommand(string name, string logFile) : ICommand
{
    public string Name => name;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var store = new NumCopiesStore(repo);
        if (args.Params.Count == 0)
        {
            var n = await store.ReadAsync(logFile, ct);
            ctx.Messages.Raw(n is { } v ? $"{v}\n" : $"global {name} is not set\n(default is 1)\n");
            return 0;
        }
        if (!int.TryParse(args.Params[0], out var value) || value < 1)
            throw new UserErrorException($"Bad number: {args.Params[0]}");
        var runner = new ItemRunner(ctx, name);
        ctx.Messages.StartItem(name, value.ToString(), null, args.Params[0]);
        await runner.RunAsync(async () => { await store.SetAsync(logFile, value, ct); return true; });
        return runner.Finish();
    }
}
