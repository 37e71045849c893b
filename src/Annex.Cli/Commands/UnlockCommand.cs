using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex unlock [PATH ...]` (doc/git-annex-unlock.mdwn, Command/Unlock.hs): a locked file's symlink
/// is replaced by a writable copy of its content (or by its pointer file when the content is not here),
/// and the pointer is staged in its place. The annex filter then keeps the file annexed when it changes.
/// </summary>
public sealed class UnlockCommand(string name = "unlock") : ICommand
{
    public string Name => name;
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, name);
        await using var index = new UpdateIndex(repo.Git);
        try
        {
            await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
            {
                var full = Path.Combine(repo.Git.TopDir, file.Path);
                if (new FileInfo(full).LinkTarget == null) continue;
                ctx.Messages.StartItem("unlock", ctx.Display(repo, file.Path), file.Key.ToString(), input);
                await runner.RunAsync(async () =>
                {
                    var obj = repo.Locations.PresentObjectPath(file.Key);
                    var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".annex-unlock-tmp");
                    if (File.Exists(tmp)) File.Delete(tmp);
                    UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                    if (obj != null)
                    {
                        File.Copy(obj, tmp);
                        mode = File.GetUnixFileMode(obj) | UnixFileMode.UserWrite;
                        File.SetLastWriteTimeUtc(tmp, File.GetLastWriteTimeUtc(obj));
                    }
                    else await File.WriteAllTextAsync(tmp, WorkTree.PointerContent(file.Key), ct);
                    File.SetUnixFileMode(tmp, mode);
                    File.Move(tmp, full, overwrite: true);
                    var sha = await repo.HashObject.HashBytesAsync(System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(file.Key)), ct);
                    bool exec = (mode & UnixFileMode.UserExecute) != 0;
                    await index.StageAsync(exec ? UpdateIndex.ExecMode : UpdateIndex.FileMode, sha, file.Path, ct);
                    return true;
                });
            }
        }
        finally
        {
            // The reference queues the staging and says so when it flushes the queue.
            if (index.HasPending) ctx.Messages.Side("(recording state in git...)");
            await index.FinishAsync(ct);
        }
        return runner.Finish();
    }
}
