using Annex.Cli.CommandLine;
using Annex.Core.Annex.Views;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex vadd [FIELD=GLOB ...]` (doc/git-annex-vadd.mdwn, Command/VAdd.hs): adds a level
/// of directories to the current view. Widening a view is refused, as upstream does.</summary>
public sealed class VAddCommand : ICommand
{
    public string Name => "vadd";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ViewCommand.OpenAsync(ctx, args, ct);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("vadd", null, null, string.Join(" ", args.Params), displayName: "");
        await runner.RunAsync(async () =>
        {
            var (view, adj) = await ViewCommand.CurrentOrFailAsync(repo, ct);
            var unset = new ViewBranches(repo).UnsetDirectory;
            var (view2, change) = Views.Refine(view, args.Params.AsEnumerable().Reverse().Select(p => Views.ParseParam(unset, p)).ToList());
            switch (change)
            {
                case ViewChange.Unchanged:
                    ctx.Messages.Note("unchanged");
                    return true;
                case ViewChange.Narrowing:
                    if (view2.VisibleSize == view.VisibleSize)
                        throw new UserErrorException("That would not add an additional level of directory structure to the view. To filter the view, use vfilter instead of vadd.");
                    return await ViewCommand.CheckoutAsync(ctx, repo, view2, adj, reuse: true, ct);
                default:
                    throw new UserErrorException("Widening view to match more files is not currently supported.");
            }
        });
        return runner.Finish();
    }
}
