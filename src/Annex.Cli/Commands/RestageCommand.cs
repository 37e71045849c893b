using Annex.Cli.CommandLine;
using Annex.Core.Annex;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex restage` (Command/Restage.hs): restages the unlocked files logged in .git/annex/restage.log,
/// by us or by the reference, when an earlier get or drop could not (git held the index lock). When it still
/// cannot, the reference warns and still reports ok; so does this.
/// </summary>
public sealed class RestageCommand : ICommand
{
    public string Name => "restage";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("restage", null, null, displayName: "");
        await runner.RunAsync(async () =>
        {
            await RestageLog.RestageAsync(repo, ctx.Messages.WarningMakeWay, ct);
            return true;
        });
        return runner.Finish();
    }
}
