using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex lock` (doc/git-annex-lock.mdwn): an unlocked file becomes a symlink again. Changes made to the
/// unlocked copy would be lost, so a modified file is refused unless --force (use `git annex add` to keep them).
/// </summary>
public sealed class LockCommand : ICommand
{
    public string Name => "lock";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "lock");
        var store = new ObjectStore(repo.Locations);
        var ingest = new Ingest(repo);
        await using var stage = new LinkStager(repo);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            if (file.Locked) continue;
            ctx.Messages.StartItem("lock", ctx.Display(repo, file.Path), file.Key.ToString(), input);
            await runner.RunAsync(async () =>
            {
                var full = Path.Combine(repo.Git.TopDir, file.Path);
                var isPointer = WorkTree.LookupKey(full, out _) == file.Key;
                if (!isPointer && !ctx.Force && !Unmodified(file.Key, full))
                    throw new UserErrorException("Locking this file would discard any changes you have made to it. Use 'git annex add' to stage your changes. (Or, use --force to override)");
                if (!isPointer && !store.Has(file.Key) && Unmodified(file.Key, full))
                    store.MoveIn(file.Key, full); // the unlocked copy is the only copy: keep it as the object
                ingest.MakeSymlink(file.Path, file.Key);
                repo.KeysDbIfExists?.RemoveAssociatedFile(file.Key, file.Path);
                await stage.StageAsync(file.Path, file.Key, ct);
                return true;
            });
        }
        await stage.FinishAsync(ct);
        return runner.Finish();
    }

    /// <summary>True when the work-tree file still has the key's content (checked by size, then by hash).</summary>
    private static bool Unmodified(Key key, string path)
    {
        var fi = new FileInfo(path);
        if (!fi.Exists || (key.Size is { } size && fi.Length != size)) return false;
        return Backends.VerifyFile(key, path) ?? false;
    }
}
