using Annex.Cli.CommandLine;
using Annex.Core.Annex.Views;

namespace Annex.Cli.Commands;

/// <summary>`git annex vcycle` (doc/git-annex-vcycle.mdwn, Command/VCycle.hs): moves the outermost
/// directory level of the current view to the innermost.</summary>
public sealed class VCycleCommand : ICommand
{
    public string Name => "vcycle";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ViewCommand.OpenAsync(ctx, args, ct);
        var (view, adj) = await ViewCommand.CurrentOrFailAsync(repo, ct);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("vcycle", null, null, null, displayName: "");
        await runner.RunAsync(async () =>
        {
            var view2 = Views.Cycle(view);
            if (view2.Equals(view))
            {
                ctx.Messages.Note("unchanged");
                return true;
            }
            return await ViewCommand.CheckoutAsync(ctx, repo, view2, adj, reuse: true, ct);
        });
        return runner.Finish();
    }
}
