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
    public static async Task<bool> RunAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, IReadOnlyList<IRemote> allRemotes,
        bool pull, bool push, CancellationToken ct)
    {
        // An export remote holds a tree, not keys (Command/Sync.hs): nothing is sent to or dropped from it by
        // key (SyncTrackingBranchesAsync exports to it instead). Content may still be got from it by path.
        var exports = allRemotes.OfType<Annex.Core.Remotes.Special.SpecialRemote>().Where(r => r.IsExport).ToList();
        var remotes = allRemotes.Where(r => !exports.Contains(r)).ToList();
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
                foreach (var r in allRemotes)
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

    /// <summary>
    /// Special remotes with an annex-tracking-branch (Command/Sync.hs): with content, a push exports the branch
    /// to an exporttree=yes remote. Upstream's sync also imports from an importtree=yes remote (with or without
    /// content) and merges the import; that is not done here, so it fails saying so.
    /// </summary>
    public static async Task SyncTrackingBranchesAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, IReadOnlyList<string> named,
        bool pull, bool push, bool content, CancellationToken ct)
    {
        foreach (var r in (await ctx.RemotesAsync(ct)).OfType<Annex.Core.Remotes.Special.SpecialRemote>())
        {
            if (repo.Config.Get($"remote.{r.Name}.annex-tracking-branch") is not { Length: > 0 } tracking) continue;
            if (named.Count > 0 ? !named.Contains(r.Name) : !repo.Config.GetBool($"remote.{r.Name}.annex-sync", true)) continue;
            if (pull && r.IsImport)
            {
                ctx.Messages.StartItem("import", null, null, displayName: r.Name);
                await runner.RunAsync(() => throw new Annex.Core.Utility.UserErrorException(
                    $"not implemented: sync importing from {r.Name} (use git annex import {tracking} --from {r.Name}, then git annex merge)"));
            }
            if (push && content && r.IsExport) await ExportCommand.ExportAsync(ctx, repo, r, tracking, runner, fast: false, ct);
        }
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
