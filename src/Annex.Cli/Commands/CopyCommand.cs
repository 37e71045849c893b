using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex copy --to REMOTE | --from REMOTE` (doc/git-annex-copy.mdwn).</summary>
public sealed class CopyCommand : ICommand
{
    public string Name => "copy";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options => ContentMoves.DirectionOptions;

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var (remote, fromRemote) = await ContentMoves.DirectionAsync(ctx, args, ct);
        var runner = new ItemRunner(ctx, "copy");
        var store = new ObjectStore(repo.Locations);
        var locations = new LocationLogStore(repo);
        var wanted = new Wanted(repo);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            var display = ctx.Display(repo, file.Path);
            if (args.Has("auto") && !await wanted.WantGetAsync(fromRemote ? repo.Uuid : remote.Uuid, file, ct)) continue;
            if (fromRemote)
            {
                if (store.Has(file.Key)) continue;
                ctx.Messages.StartItem("copy", display, file.Key.ToString(), input);
                ctx.Messages.Note($"from {remote.Name}...");
                await runner.RunAsync(async () => { await ContentMoves.FetchAsync(ctx, repo, file, remote, ct); return true; });
                continue;
            }
            var local = store.PathOf(file.Key);
            if (local == null) continue;
            ctx.Messages.StartItem("copy", display, file.Key.ToString(), input);
            if (await remote.HasKeyAsync(file.Key, ct))
            {
                // Already there: just make sure the location log says so.
                await runner.RunAsync(async () => { await locations.SetAsync(file.Key, remote.Uuid, present: true, ct); return true; });
                continue;
            }
            ctx.Messages.Note($"to {remote.Name}...");
            await runner.RunAsync(async () => { await remote.SendAsync(repo, file.Key, local, file.Path, ctx.Messages.Progress, ct); return true; });
        }
        return runner.Finish();
    }
}
