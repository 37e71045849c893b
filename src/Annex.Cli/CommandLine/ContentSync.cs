using Annex.Cli.Commands;
using Annex.Core.Annex;
using Annex.Core.Remotes;

namespace Annex.Cli.CommandLine;

/// <summary>
/// The content half of sync/pull/push (doc/git-annex-sync.mdwn, --content): for every annexed file,
/// get it if this repository prefers it, send it to remotes that prefer it, drop it here if this repository
/// does not, and drop it from remotes that do not (each drop under the numcopies proof). A repository
/// without a preferred-content expression prefers everything.
/// Pulling does the gets and local drops; pushing the sends and remote drops.
/// </summary>
public static class ContentSync
{
    /// <returns>Whether any content was transferred or dropped.</returns>
    public static async Task<bool> RunAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, IReadOnlyList<IRemote> remotes,
        bool pull, bool push, CancellationToken ct)
    {
        bool acted = false;
        var store = new ObjectStore(repo.Locations);
        var wanted = new Wanted(repo);
        var locations = new LocationLogStore(repo);
        await foreach (var file in WorkTree.AnnexedFilesAsync(repo, [], ct))
        {
            var display = ctx.Display(repo, file.Path);
            var key = file.Key;
            if (pull && !store.Has(key) && await wanted.PrefersAsync(repo.Uuid, file, ct))
            {
                var have = await locations.PresentAsync(key, ct);
                IRemote? source = null;
                foreach (var r in remotes)
                    if (have.Contains(r.Uuid) && await r.HasKeyAsync(key, ct)) { source = r; break; }
                if (source != null)
                {
                    acted = true;
                    ctx.Messages.StartItem("get", display, key.ToString(), display);
                    ctx.Messages.Note($"from {source.Name}...");
                    await runner.RunAsync(async () => { await ContentMoves.FetchAsync(ctx, repo, file, source, ct); return true; });
                }
            }
            if (push && store.PathOf(key) is { } local)
                foreach (var r in remotes)
                {
                    if (r.ReadOnly || await r.HasKeyAsync(key, ct) || !await wanted.PrefersAsync(r.Uuid, file, ct)) continue;
                    // The reference (10.20261026) calls sync's sends "put".
                    acted = true;
                    ctx.Messages.StartItem("put", display, key.ToString(), display);
                    ctx.Messages.Note($"to {r.Name}...");
                    await runner.RunAsync(async () => { await r.SendAsync(repo, key, local, file.Path, ctx.Messages.Progress, ct); return true; });
                }
            if (pull && store.Has(key) && !await wanted.PrefersAsync(repo.Uuid, file, ct)
                && await wanted.RequiredByAsync(repo.Uuid, file, ct) == null)
                acted |= await DropAsync(ctx, repo, runner, file, display, null, ct);
            if (push)
                foreach (var r in remotes)
                    if (!r.ReadOnly && await r.HasKeyAsync(key, ct) && !await wanted.PrefersAsync(r.Uuid, file, ct)
                        && await wanted.RequiredByAsync(r.Uuid, file, ct) == null)
                        acted |= await DropAsync(ctx, repo, runner, file, display, r, ct);
        }
        return acted;
    }

    /// <summary>An automatic drop is attempted only when it is provably safe; when it is not, nothing is shown.</summary>
    private static async Task<bool> DropAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, AnnexedFile file, string display,
        IRemote? from, CancellationToken ct)
    {
        await using var proof = await DropCommand.ProveAsync(ctx, repo, file.Key, from, [], ct);
        if (!proof.Ok) return false;
        ctx.Messages.StartItem("drop", display, file.Key.ToString(), display);
        if (from != null) ctx.Messages.Note($"from {from.Name}...");
        await runner.RunAsync(async () =>
        {
            if (from == null) await LocalContent.DropAsync(repo, file.Key, ct, file.Locked ? null : file.Path);
            else await from.RemoveAsync(repo, file.Key, proof, ct);
            return true;
        });
        return true;
    }
}
