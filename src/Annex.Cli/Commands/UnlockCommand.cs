using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex unlock` / `edit` (doc/git-annex-unlock.mdwn): a locked file becomes a regular, writable
/// copy of its content (the object stays in the store, so editing the copy cannot corrupt it), and its
/// pointer is staged. Without content, the work tree gets the pointer file.
/// </summary>
public sealed class UnlockCommand(string name) : ICommand
{
    public string Name => name;
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("json-error-messages")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, name);
        var store = new ObjectStore(repo.Locations);
        await using var index = new UpdateIndex(repo.Git);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            if (!file.Locked) continue;
            ctx.Messages.StartItem("unlock", ctx.Display(repo, file.Path), file.Key.ToString(), input);
            await runner.RunAsync(async () =>
            {
                var full = Path.Combine(repo.Git.TopDir, file.Path);
                var tmp = full + ".annex-unlock-tmp";
                if (store.PathOf(file.Key) is { } obj)
                {
                    if (repo.Config.GetBool("annex.thin", false)) Annex.Core.Utility.Posix.HardLinkOrCopy(obj, tmp);
                    else File.Copy(obj, tmp, overwrite: true);
                    Annex.Core.Utility.Posix.TrySetMode(tmp, (UnixFileMode)0b110_100_100);
                }
                else await File.WriteAllTextAsync(tmp, WorkTree.PointerContent(file.Key), ct);
                File.Move(tmp, full, overwrite: true);
                repo.KeysDb.AddAssociatedFile(file.Key, file.Path);
                if (store.PathOf(file.Key) is { } o && InodeCache.Of(full) is { } ic)
                    repo.KeysDb.AddInodeCaches(file.Key, ic, InodeCache.Of(o) ?? ic);
                var sha = await repo.HashObject.HashBytesAsync(System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(file.Key)), ct);
                await index.StageAsync(UpdateIndex.FileMode, sha, file.Path, ct);
                return true;
            });
        }
        await index.FinishAsync(ct);
        return runner.Finish();
    }
}
