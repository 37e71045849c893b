using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex addunused NUMBER|RANGE|all ...` (doc/git-annex-addunused.mdwn): adds back content numbered
/// by the last `git annex unused` as locked files named "unused.KEY", staged in git. Bad and temporary
/// files are refused rather than moved into the annex.
/// </summary>
public sealed class AddUnusedCommand : ICommand
{
    public string Name => "addunused";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "addunused");
        var ingest = new Ingest(repo);
        var locations = new LocationLogStore(repo);
        await using var stage = new LinkStager(repo);
        bool staged = false;
        foreach (var (n, key, kind) in UnusedNumbers.Resolve(repo, args.Params))
        {
            if (kind != UnusedKind.Object)
                throw new UserErrorException($"cannot addunused {(kind == UnusedKind.Bad ? "bad" : "tmp")}content");
            // Named relative to the working directory, as the reference creates it.
            var name = "unused." + KeyFile.Escape(key);
            var file = ctx.ToTopRelative(repo, name);
            ctx.Messages.StartItem("addunused", name, null, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await runner.RunAsync(async () =>
            {
                await locations.SetAsync(key, repo.Uuid, present: true, ct);
                ingest.MakeSymlink(file, key);
                await stage.StageAsync(file, key, ct);
                staged = true;
                return true;
            });
        }
        // The reference queues the staging and says so when it flushes the queue.
        if (staged) ctx.Messages.Side("(recording state in git...)");
        await stage.FinishAsync(ct);
        return runner.Finish();
    }
}
