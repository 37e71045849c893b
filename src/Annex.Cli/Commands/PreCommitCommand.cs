using System.Text;
using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex pre-commit` (run by the pre-commit hook): annex symlinks staged for commit whose relative
/// target is wrong for where they now are (a file moved to another directory) are repointed and restaged.
/// </summary>
public sealed class PreCommitCommand : ICommand
{
    public string Name => "pre-commit";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        if (!repo.IsInitialized || repo.Git.IsBare) return 0;
        var ingest = new Ingest(repo);
        await using var stage = new LinkStager(repo);
        var staged = await GitCli.RunAsync(repo.Git, ["diff", "--cached", "--name-only", "-z", "--diff-filter=AR", "--no-renames"], ct: ct);
        foreach (var path in Encoding.UTF8.GetString(staged.Stdout).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var full = Path.Combine(repo.Git.TopDir, path);
            // Where git writes symlinks as files, a link is recognised by the file's content.
            var target = WorkTree.AnnexLinkTarget(full, repo.CoreSymlinks);
            if (target == null) continue;
            var key = WorkTree.KeyFromSymlinkTarget(target);
            if (key == null || target == repo.LinkTarget(key, path)) continue;
            ingest.MakeSymlink(path, key);
            await stage.StageAsync(path, key, ct);
        }
        await stage.FinishAsync(ct);
        await ViewCommand.PreCommitAsync(ctx, repo, ct);
        return 0;
    }
}
