using Annex.Cli.CommandLine;
using Annex.Core.Annex.Views;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex vfilter [TAG FIELD=VALUE ...]` (doc/git-annex-vfilter.mdwn, Command/VFilter.hs):
/// narrows the current view to files with these values, without adding directory levels.</summary>
public sealed class VFilterCommand : ICommand
{
    public string Name => "vfilter";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ViewCommand.OpenAsync(ctx, args, ct);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("vfilter", null, null, string.Join(" ", args.Params), displayName: "");
        await runner.RunAsync(async () =>
        {
            var (view, adj) = await ViewCommand.CurrentOrFailAsync(repo, ct);
            var unset = new ViewBranches(repo).UnsetDirectory;
            var view2 = Views.Filter(view, args.Params.AsEnumerable().Reverse().Select(p => Views.ParseParam(unset, p)).ToList());
            if (view2.VisibleSize > view.VisibleSize)
                throw new UserErrorException("That would add an additional level of directory structure to the view, rather than filtering it. If you want to do that, use vadd instead of vfilter.");
            return await ViewCommand.CheckoutAsync(ctx, repo, view2, adj, reuse: true, ct);
        });
        return runner.Finish();
    }
}
