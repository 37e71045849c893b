using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Remotes.Export;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex export TREEISH --to REMOTE` (doc/git-annex-export.mdwn), for directory remotes with exporttree=yes.</summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("to", 't'), OptionSpec.Flag("tracking"), OptionSpec.Flag("fast"), OptionSpec.Value("from")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var to = args.Value("to") ?? throw new UserErrorException("Specify --to");
        if (args.Has("from")) throw new UserErrorException("export --from is not implemented in this version of git-annex");
        var remote = await ctx.RemoteNamedAsync(to, ct) as SpecialRemote;
        if (remote == null || !remote.IsExport) throw new UserErrorException("That remote does not support exports.");
        var treeish = args.Params.Count switch
        {
            1 => args.Params[0],
            0 => repo.Config.Get($"remote.{to}.annex-tracking-branch") ?? throw new UserErrorException("Specify a treeish to export"),
            _ => throw new UserErrorException("Specify a single treeish to export"),
        };
        // The deprecated --tracking: the treeish becomes the remote's tracking branch.
        if (args.Has("tracking")) await repo.Config.SetAsync(repo.Git, $"remote.{to}.annex-tracking-branch", treeish, ct);
        var runner = new ItemRunner(ctx, "export");
        await ExportAsync(ctx, repo, remote, treeish, runner, args.Has("fast"), ct);
        return runner.Finish();
    }

    /// <summary>Exports <paramref name="treeish"/> to the remote (also sync's export to a remote with annex-tracking-branch).</summary>
    internal static async Task ExportAsync(CommandContext ctx, AnnexRepo repo, SpecialRemote remote, string treeish, ItemRunner runner,
        bool fast, CancellationToken ct)
    {
        var failedBefore = runner.Failed;
        var tree = await TreeExport.ResolveTreeAsync(repo, treeish, ct);
        var files = await TreeExport.ListTreeAsync(repo, tree, ct);
        using var export = new TreeExport(repo, remote.Uuid, remote.ExportTarget(), remote.IsImport);
        var steps = await export.BeginAsync(tree, files, ct);
        if (fast) steps.RemoveAll(s => s is StoreStep);
        foreach (var step in steps)
        {
            var (verb, display) = step switch
            {
                RenameStep r => ("rename", $"{r.Path} -> {r.To}"),
                UnexportStep u => ("unexport", u.Path),
                _ => ("export", step.Path),
            };
            ctx.Messages.StartItem($"{verb} {remote.Name}", step.Path, step.Key.ToString(), null, display);
            await runner.RunAsync(async () => { await export.RunAsync(step, ct); return true; });
        }
        var complete = runner.Failed == failedBefore && !fast;
        await export.FinishAsync(tree, complete, ct);
        if (complete && await ExportTracking.ExportCommitAsync(repo, remote.Name, treeish, ct) is { } tb)
            await ExportTracking.UpdateAsync(repo, tb.Ref, tb.Commit, ct);
    }
}
