using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex move --to REMOTE | --from REMOTE` (doc/git-annex-move.mdwn): copy, then drop the source copy.
/// The drop needs numcopies unless the move does not lower the number of copies (the destination lacked it).
/// </summary>
public sealed class MoveCommand : ICommand
{
    public string Name => "move";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options => ContentMoves.DirectionOptions;

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var (remote, fromRemote) = await ContentMoves.DirectionAsync(ctx, args, ct);
        var runner = new ItemRunner(ctx, "move");
        var store = new ObjectStore(repo.Locations);
        var wanted = new Wanted(repo);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            bool hereHas = store.Has(file.Key), remoteHas = await remote.HasKeyAsync(file.Key, ct);
            if (fromRemote ? !remoteHas : !hereHas) continue;
            if (args.Has("auto") && !await wanted.WantGetAsync(fromRemote ? repo.Uuid : remote.Uuid, file, ct)) continue;
            ctx.Messages.StartItem("move", ctx.Display(repo, file.Path), file.Key.ToString(), input);
            if (fromRemote) ctx.Messages.Note($"from {remote.Name}...");
            else if (!remoteHas) ctx.Messages.Note($"to {remote.Name}...");
            await runner.RunAsync(() => fromRemote
                ? MoveHereAsync(ctx, repo, remote, file, hereHas, ct)
                : MoveThereAsync(ctx, repo, remote, file, remoteHas, ct));
        }
        return runner.Finish();
    }

    private static async Task<bool> MoveHereAsync(CommandContext ctx, AnnexRepo repo, IRemote remote, AnnexedFile file,
        bool hereHad, CancellationToken ct)
    {
        if (!hereHad) await ContentMoves.FetchAsync(ctx, repo, file, remote, ct);
        await using var proof = await DropCommand.ProveAsync(ctx, repo, file.Key, remote, hereHad ? [] : [repo.Uuid], ct, noLocationsMessage: "");
        if (!proof.Ok && hereHad) return Unsafe(ctx, proof, remote.Name);
        await remote.RemoveAsync(repo, file.Key, proof, ct);
        return true;
    }

    private static async Task<bool> MoveThereAsync(CommandContext ctx, AnnexRepo repo, IRemote remote, AnnexedFile file,
        bool remoteHad, CancellationToken ct)
    {
        if (!remoteHad) await remote.SendAsync(repo, file.Key, new ObjectStore(repo.Locations).PathOf(file.Key)!, file.Path, ctx.Messages.Progress, ct);
        await using var proof = await DropCommand.ProveAsync(ctx, repo, file.Key, null, remoteHad ? [] : [remote.Uuid], ct, noLocationsMessage: "");
        if (!proof.Ok && remoteHad) return Unsafe(ctx, proof, "here");
        await LocalContent.DropAsync(repo, file.Key, ct, file.Locked ? null : file.Path);
        return true;
    }

    private static bool Unsafe(CommandContext ctx, DropProof proof, string where)
    {
        ctx.Messages.Note("unsafe");
        ctx.Messages.Explain(proof.Explanation! + $"\n\nContent not dropped from {where}.");
        return false;
    }
}
