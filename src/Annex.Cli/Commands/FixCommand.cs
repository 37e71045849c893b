using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex fix [PATH ...]` (doc/git-annex-fix.mdwn, Command/Fix.hs): a locked file whose symlink no
/// longer points at its object (it was moved to another directory) is re-pointed and restaged.
/// Files whose link is already right are passed over silently. On a crippled filesystem there are no
/// symlinks to fix, and it does nothing at all, as the reference.
/// </summary>
public sealed class FixCommand : ICommand
{
    public string Name => "fix";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "fix");
        if (repo.IsCrippled) return runner.Finish();
        var ingest = new Ingest(repo);
        await using var stage = new StagePaths(repo.Git);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            if (!file.Locked) continue;
            var want = repo.LinkTarget(file.Key, file.Path);
            var have = new FileInfo(Path.Combine(repo.Git.TopDir, file.Path)).LinkTarget;
            if (have == null || have == want) continue;
            var display = ctx.Display(repo, file.Path);
            ctx.Messages.StartItem("fix", display, file.Key.ToString(), args.Params.Count == 0 ? display : input);
            await runner.RunAsync(async () =>
            {
                ingest.MakeSymlink(file.Path, file.Key);
                await stage.AddAsync(file.Path, ct);
                return true;
            });
        }
        await stage.FinishAsync(ct);
        return runner.Finish();
    }
}
