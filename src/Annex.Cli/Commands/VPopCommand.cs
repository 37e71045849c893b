using Annex.Cli.CommandLine;
using Annex.Core.Annex.Views;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>`git annex vpop [N]` (doc/git-annex-vpop.mdwn, Command/VPop.hs): back N views of the same
/// parent branch, or to the parent branch itself; the views popped leave the view log.</summary>
public sealed class VPopCommand : ICommand
{
    public string Name => "vpop";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ViewCommand.OpenAsync(ctx, args, ct);
        var (v, adj) = await ViewCommand.CurrentOrFailAsync(repo, ct);
        int num = args.Params.Count > 0 && int.TryParse(args.Params[0], out var n) ? n : 1;
        var views = new ViewBranches(repo);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem("vpop", null, null, string.Join(" ", args.Params), displayName: num.ToString());
        await runner.RunAsync(async () =>
        {
            var others = views.Recent().Where(o => !o.Equals(v) && o.ParentBranch == v.ParentBranch).ToList();
            var popped = others.Take(Math.Max(num - 1, 0)).ToList();
            var rest = others.Skip(Math.Max(num - 1, 0)).ToList();
            bool ok;
            if (rest.Count > 0)
            {
                SyncCommand.ShowOutput(ctx); // upstream shows output twice here: a blank line
                ok = await ViewCommand.SwitchAsync(ctx, repo, rest[0], ViewLog.BranchName(rest[0], adj), ct);
            }
            else
            {
                SyncCommand.ShowOutput(ctx);
                ok = await GitCli.RunInheritAsync(repo.Git, ["checkout", ViewLog.RefBase(v.ParentBranch)], ct: ct) == 0;
            }
            if (ok) foreach (var p in popped.Prepend(v)) views.RemoveView(p);
            return ok;
        });
        return runner.Finish();
    }
}
