using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex numcopies [N]` and `git annex mincopies [N]` (doc/git-annex-numcopies.mdwn): show or set
/// the repository-wide value recorded in numcopies.log / mincopies.log.
/// </summary>
public sealed class NumcopiesCommand(string name) : ICommand
{
    public string Name => name;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var store = new NumCopiesStore(repo);
        var file = name + ".log";
        if (args.Params.Count == 0)
        {
            var v = await store.ReadAsync(file, ct);
            ctx.Messages.Raw(v is { } n ? n + "\n" : name == "numcopies" ? "global numcopies is not set\n(default is 1)\n" : "global mincopies is not set\n");
            return 0;
        }
        if (args.Params.Count > 1) throw new UserErrorException("Specify a single number.");
        if (!int.TryParse(args.Params[0], out var value) || value < 0)
            throw new UserErrorException("Bad number: " + args.Params[0]);
        if (value == 0 && name == "numcopies")
            throw new UserErrorException("Cannot set numcopies to 0.");
        ctx.Messages.StartItem(name, args.Params[0], null, args.Params[0]);
        await store.SetAsync(file, value, ct);
        ctx.Messages.EndItem(true);
        return 0;
    }
}
