using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex drop [--from REMOTE]` (doc/git-annex-drop.mdwn): removes a copy only when enough other
/// copies are verified (numcopies/mincopies), holding their locks while it does so; --force skips the check.
/// </summary>
public sealed class DropCommand : ICommand
{
    public string Name => "drop";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("from"), OptionSpec.Flag("auto"), .. CommonOptions.KeySelection];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var from = args.Value("from") is { } f ? await ctx.RemoteNamedAsync(f, ct) : null;
        var runner = new ItemRunner(ctx, "drop");
        var store = new ObjectStore(repo.Locations);
        var wanted = new Wanted(repo);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            // From a remote, the drop is attempted without asking first, as the reference does: removing
            // what is not there succeeds, and corrects a location log that said otherwise.
            if (from == null && !store.Has(file.Key)) continue;
            var dropFrom = from?.Uuid ?? repo.Uuid;
            var requiredBy = ctx.Force ? null : await wanted.RequiredByAsync(dropFrom, file, ct);
            if (args.Has("auto") && (requiredBy != null || !await wanted.WantDropAsync(dropFrom, file, ct))) continue;
            ctx.Messages.StartItem("drop", ctx.Display(repo, file.Path), file.Key.ToString(), input);
            if (from != null) ctx.Messages.Note($"from {from.Name}...");
            if (requiredBy != null)
            {
                ctx.Messages.Explain((requiredBy == file.Path ? "That file is required content. It cannot be dropped!"
                    : $"That file has the same content as another file ({DotRelative(ctx, repo, requiredBy)}), which is required content. It cannot be dropped!")
                    + "\n\n(Use --force to override this check, or adjust required content configuration.)");
                await runner.RunAsync(() => Task.FromResult(false));
                continue;
            }
            await runner.RunAsync(() => DropOneAsync(ctx, repo, file, from, ct));
        }
        return runner.Finish();
    }

    private static string DotRelative(CommandContext ctx, AnnexRepo repo, string path)
    {
        var d = ctx.Display(repo, path);
        return d.StartsWith("../", StringComparison.Ordinal) ? d : "./" + d;
    }

    private static async Task<bool> DropOneAsync(CommandContext ctx, AnnexRepo repo, AnnexedFile file, IRemote? from, CancellationToken ct)
    {
        await using var proof = await ProveAsync(ctx, repo, file.Key, from, [], ct);
        if (!proof.Ok)
        {
            ctx.Messages.Note("unsafe");
            ctx.Messages.Explain(proof.Explanation!);
            return false;
        }
        if (from == null) await LocalContent.DropAsync(repo, file.Key, ct, file.Locked ? null : file.Path);
        else await from.RemoveAsync(repo, file.Key, proof, ct);
        return true;
    }

    /// <summary>The numcopies proof for dropping a key from here (from == null) or from a remote; --force needs none.</summary>
    /// <param name="noLocationsMessage">What an unsafe drop suggests when no other repository could be made
    /// available: drop suggests move; move itself suggests nothing (an empty line, as the reference prints).</param>
    public static async Task<DropProof> ProveAsync(CommandContext ctx, AnnexRepo repo, Key key, IRemote? from,
        IReadOnlyCollection<Core.Logs.Uuid> knownPresent, CancellationToken ct,
        string noLocationsMessage = DropProof.SuggestMove)
    {
        if (ctx.Force) return DropProof.Forced();
        var (numcopies, mincopies) = await ctx.CopiesPolicyAsync(repo, ct);
        var lockable = new List<DropProof.Lockable>();
        if (from != null) lockable.Add(DropProof.Lockable.Local(repo.Uuid, repo.Locations));
        foreach (var r in await ctx.RemotesAsync(ct))
        {
            if (r == from) continue;
            if (r is Core.Remotes.Special.SpecialRemote special)
                // Special remotes cannot lock content; their copy is checked instead (a weaker proof).
                lockable.Add(new DropProof.Lockable(r.Uuid, (_, _) => Task.FromResult<CopyLock?>(null), special.CheckPresentForProofAsync));
            else if (r is Core.Remotes.Web.WebRemote web)
                lockable.Add(new DropProof.Lockable(r.Uuid, (_, _) => Task.FromResult<CopyLock?>(null), web.CheckPresentForProofAsync));
            else lockable.Add(new DropProof.Lockable(r.Uuid, r is GitRemote ? r.TryLockContentAsync : async (k, c) =>
            {
                ctx.Messages.Note($"locking {r.Name}...");
                return await r.TryLockContentAsync(k, c);
            }));
        }
        return await DropProof.CheckAsync(repo, key, from?.Uuid ?? repo.Uuid, numcopies, mincopies, lockable, knownPresent, ct, noLocationsMessage);
    }
}
