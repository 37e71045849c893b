using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex describe REPOSITORY DESCRIPTION` (doc/git-annex-describe.mdwn).</summary>
public sealed class DescribeCommand : ICommand
{
    public string Name => "describe";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count < 2) throw new UserErrorException("Specify a repository and a description.");
        var repo = await ctx.InitializedRepoAsync(ct);
        var name = args.Params[0];
        var uuid = await new RemoteNames(repo).ResolveAsync(name, ct);
        var runner = new ItemRunner(ctx, "describe");
        ctx.Messages.StartItem("describe", name, null, name);
        await runner.RunAsync(async () =>
        {
            await new UuidLogStore(repo).DescribeAsync(uuid, string.Join(' ', args.Params.Skip(1)), ct);
            return true;
        });
        return runner.Finish();
    }
}
