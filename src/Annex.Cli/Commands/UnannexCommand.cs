using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex unannex [PATH ...]` (doc/git-annex-unannex.mdwn, Command/Unannex.hs): undoes an accidental
/// add. Each annexed file whose content is here is removed from the index (`git rm --cached`), and a
/// locked file's symlink is replaced by a writable copy of the content, left for the user to commit or
/// `git add` as they wish. The object stays in the annex (it is now unused). Files whose content is
/// absent, and files not annexed, are skipped without a word.
/// </summary>
public sealed class UnannexCommand : ICommand
{
    public string Name => "unannex";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "unannex");
        await UnannexAllAsync(ctx, repo, args, runner, fast: ctx.Fast, ct);
        return runner.Finish();
    }

    /// <summary>
    /// Unannexes every annexed file the arguments select whose content is here (shared with uninit):
    /// each link becomes its content, then all of them are unstaged as annexed files in one git run.
    /// </summary>
    public static async Task UnannexAllAsync(CommandContext ctx, AnnexRepo repo, ParsedArgs args, ItemRunner runner, bool fast,
        CancellationToken ct)
    {
        var store = new ObjectStore(repo.Locations);
        var unstaged = new List<string>();
        try
        {
            await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
            {
                if (!store.Has(file.Key)) continue;
                ctx.Messages.StartItem("unannex", ctx.Display(repo, file.Path), file.Key.ToString(), input);
                await runner.RunAsync(() =>
                {
                    unstaged.Add(file.Path);
                    ReplaceLink(repo, file, fast);
                    return Task.FromResult(true);
                });
            }
        }
        finally { await UnstageAsync(ctx, repo, unstaged, ct); }
    }

    /// <summary>A locked file's symlink becomes the content: a hard link to the object when <paramref name="fast"/>
    /// and nothing else links to it (uninit), otherwise a copy made writable. An unlocked file already is its content.</summary>
    public static void ReplaceLink(AnnexRepo repo, AnnexedFile file, bool fast)
    {
        var full = Path.Combine(repo.Git.TopDir, file.Path);
        var fi = new FileInfo(full);
        if (fi.LinkTarget == null) return;
        // The symlink may name a different key than the index (reference: key read from the link wins).
        var key = WorkTree.KeyFromSymlinkTarget(fi.LinkTarget) ?? file.Key;
        var src = repo.Locations.PresentObjectPath(key)
            ?? throw new UserErrorException($"content of {file.Path} is not present");
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".annex-unannex-tmp");
        if (File.Exists(tmp)) File.Delete(tmp);
        if (fast && Posix.Stat(src).Links == 1 && TryHardLink(src, tmp)) { }
        else
        {
            File.Copy(src, tmp);
            File.SetUnixFileMode(tmp, File.GetUnixFileMode(src) | UnixFileMode.UserWrite);
            File.SetLastWriteTimeUtc(tmp, File.GetLastWriteTimeUtc(src));
        }
        File.Move(tmp, full, overwrite: true);
    }

    private static bool TryHardLink(string src, string dest)
    {
        try { Posix.HardLink(src, dest); return true; }
        catch (IOException) { return false; }
    }

    /// <summary>`git rm --cached --force --quiet` of the unannexed paths, in one git run.</summary>
    public static async Task UnstageAsync(CommandContext ctx, AnnexRepo repo, IReadOnlyList<string> paths, CancellationToken ct)
    {
        if (paths.Count == 0) return;
        // The reference queues these git changes and says so when it flushes the queue.
        ctx.Messages.Side("(recording state in git...)");
        var stdin = System.Text.Encoding.UTF8.GetBytes(string.Join('\0', paths) + "\0");
        var r = await GitCli.RunAsync(repo.Git, ["rm", "--cached", "--force", "--quiet", "--pathspec-from-file=-", "--pathspec-file-nul"], stdin, ct: ct);
        if (!r.Ok) throw new UserErrorException("git rm --cached failed: " + r.Stderr.Trim());
    }
}
