using System.Text;
using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex unlock` (doc/git-annex-unlock.mdwn, Command/Unlock.hs): a locked file's symlink is replaced
/// by a copy of its content (or by a pointer file when the content is not here) and the pointer is staged,
/// so the file can be modified and git's clean filter annexes the new content.
/// </summary>
public sealed class UnlockCommand : ICommand
{
    public string Name => "unlock";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("jobs", 'J')];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, Name);
        var store = new ObjectStore(repo.Locations);
        var unlocked = new List<string>();
        await using (var ui = new UpdateIndex(repo.Git))
        {
            await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
            {
                if (!file.Locked) continue;
                ctx.Messages.StartItem(Name, ctx.Display(repo, file.Path), file.Key.ToString(), input);
                await runner.RunAsync(async () =>
                {
                    var full = Path.Combine(repo.Git.TopDir, file.Path);
                    var tmp = full + ".annex-unlock-tmp";
                    var obj = store.PathOf(file.Key);
                    var mode = UpdateIndex.FileMode;
                    if (obj != null)
                    {
                        File.Copy(obj, tmp, overwrite: true);
                        bool exec = (File.GetUnixFileMode(obj) & UnixFileMode.UserExecute) != 0;
                        if (exec) mode = UpdateIndex.ExecMode;
                        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                            | (exec ? UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : 0));
                    }
                    else await File.WriteAllTextAsync(tmp, WorkTree.PointerContent(file.Key), ct);
                    File.Move(tmp, full, overwrite: true);
                    var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(WorkTree.PointerContent(file.Key)), ct);
                    await ui.StageAsync(mode, sha, file.Path, ct);
                    unlocked.Add(file.Path);
                    return true;
                });
            }
            await ui.FinishAsync(ct);
        }
        // Record the new files' stat data in the index (git runs the clean filter, which gives back the same pointer).
        if (unlocked.Count > 0)
            await GitCli.RunAsync(repo.Git, ["update-index", "-q", "--refresh", "--", .. unlocked], ct: ct);
        return runner.Finish();
    }
}
