using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Matching;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex add [PATH ...]` (doc/git-annex-add.mdwn): new and modified files are annexed as locked
/// files, or added to git when annex.largefiles says they are small or they are dotfiles.
/// </summary>
public sealed class AddCommand : ICommand
{
    public string Name => "add";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Flag("update", 'u'),
        OptionSpec.Flag("force-large"), OptionSpec.Flag("force-small"), OptionSpec.Flag("check-gitignore"),
        OptionSpec.Flag("no-check-gitignore"), OptionSpec.Flag("dry-run"),
    ];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var backend = ChooseBackend(ctx, repo);
        var settings = new ConfigLogStore(repo);
        var largefiles = LargeFiles.Compile(await settings.EffectiveAsync("annex.largefiles", ct));
        bool dotfiles = GitConfig.ParseBool(await settings.EffectiveAsync("annex.dotfiles", ct) ?? "false") ?? false;
        var ingest = new Ingest(repo);
        // Where git makes no symlinks, and on an adjusted branch that unlocks files, new files are added
        // unlocked (Annex/Ingest.hs addUnlocked).
        bool adjustedUnlocked = !repo.CoreSymlinks
            || await Annex.Core.Annex.Adjust.AddUnlocked.OnAdjustedBranchAsync(repo.Git, contentPresent: true, ct);
        var addUnlockedSetting = await settings.EffectiveAsync("annex.addunlocked", ct);
        bool? addUnlockedBool = addUnlockedSetting == null ? false : GitConfig.ParseBool(addUnlockedSetting);
        var addUnlockedExpr = addUnlockedBool == null ? LargeFiles.Compile(addUnlockedSetting) : null;
        var runner = new ItemRunner(ctx, "add");
        await using var stage = new StagePaths(repo.Git);
        var toGit = new List<string>();
        // git ignores execute bits when core.filemode=false (as on FAT, where every file looks executable),
        // but the reference stages an unlocked file with the mode it has on disk.
        bool fixModes = !repo.Config.GetBool("core.filemode", true);
        var execModes = new List<(string File, bool Exec)>();

        var inputs = args.Params.Count == 0 ? ["."] : args.Params;
        foreach (var input in inputs)
        {
            var top = ctx.ToTopRelative(repo, input);
            var paths = top.Length == 0 ? Array.Empty<string>() : [top];
            foreach (var file in await CandidatesAsync(repo, paths, args.Has("update"), ct))
            {
                var full = Path.Combine(repo.Git.TopDir, file);
                var fi = new FileInfo(full);
                if (fi.LinkTarget != null)
                {
                    await AddSymlinkAsync(ctx, repo, ingest, stage, toGit, file, fi.LinkTarget, input, runner);
                    continue;
                }
                if (!fi.Exists) continue;
                bool large = args.Has("force-large") || (!args.Has("force-small") &&
                    await largefiles.MatchAsync(new MatchSubject(file, null, fi.Length, full), ct));
                string? smallReason = !large ? (args.Has("force-small") ? "adding content to git repository" : "non-large file; adding content to git repository")
                    : !dotfiles && IsDotfile(file) && !args.Has("force-large") && !ExplicitlyNamed(top, file)
                        ? "dotfile; adding content to git repository" : null;
                ctx.Messages.StartItem("add", ctx.Display(repo, file), null, input);
                if (smallReason != null)
                {
                    ctx.Messages.Note(smallReason);
                    toGit.Add(file);
                    await runner.RunAsync(() => Task.FromResult(true));
                    continue;
                }
                await runner.RunAsync(async () =>
                {
                    // A file already unlocked stays unlocked; a new one is unlocked on an unlocking adjusted
                    // branch, or when annex.addunlocked says so.
                    bool unlocked = adjustedUnlocked || await WorkTree.StagedPointerKeyAsync(repo, file, ct) != null
                        || (addUnlockedBool ?? await addUnlockedExpr!.MatchAsync(new MatchSubject(file, null, fi.Length, full), ct));
                    var key = unlocked ? await ingest.AddUnlockedAsync(file, backend, ct) : await ingest.AddLockedAsync(file, backend, ct);
                    ctx.Messages.Field("key", key.ToString());
                    await stage.AddAsync(file, ct);
                    if (unlocked && fixModes) execModes.Add((file, (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0));
                    return true;
                });
            }
        }
        await stage.FinishAsync(ct);
        await SetExecBitsAsync(repo, execModes, ct);
        await GitAddAsync(repo, toGit, ct);
        return runner.Finish();
    }

    private static async Task SetExecBitsAsync(AnnexRepo repo, List<(string File, bool Exec)> files, CancellationToken ct)
    {
        foreach (var exec in new[] { true, false })
        {
            var paths = files.Where(f => f.Exec == exec).Select(f => f.File).ToList();
            for (int i = 0; i < paths.Count; i += 1000)
                await GitCli.ReadAsync(repo.Git, ["update-index", exec ? "--chmod=+x" : "--chmod=-x", "--", .. paths.Skip(i).Take(1000)], ct: ct);
        }
    }

    /// <summary>A symlink: an annex link (perhaps moved) is re-pointed and staged; any other symlink goes to git.</summary>
    private static async Task AddSymlinkAsync(CommandContext ctx, AnnexRepo repo, Ingest ingest, StagePaths stage,
        List<string> toGit, string file, string target, string input, ItemRunner runner)
    {
        var key = WorkTree.KeyFromSymlinkTarget(target);
        if (key == null) { toGit.Add(file); return; }
        ctx.Messages.StartItem("add", ctx.Display(repo, file), key.ToString(), input);
        await runner.RunAsync(async () =>
        {
            if (target != repo.LinkTarget(key, file)) ingest.MakeSymlink(file, key);
            await stage.AddAsync(file);
            return true;
        });
    }

    /// <summary>Untracked files, plus tracked files whose work-tree content changed (e.g. an unlocked annexed file).</summary>
    private static async Task<List<string>> CandidatesAsync(AnnexRepo repo, IReadOnlyList<string> paths, bool updateOnly,
        CancellationToken ct)
    {
        var files = new List<string>();
        if (!updateOnly)
            await foreach (var f in LsFiles.OthersAsync(repo.Git, paths, ct)) files.Add(f);
        var modified = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var f in LsFiles.ModifiedAsync(repo.Git, paths, ct))
        {
            var full = Path.Combine(repo.Git.TopDir, f);
            // Modified includes deleted files and annex links whose stat changed; only real new content counts.
            if (File.Exists(full) && new FileInfo(full).LinkTarget == null && modified.Add(f)) files.Add(f);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool IsDotfile(string path) => path.Split('/').Any(p => p.StartsWith('.'));

    /// <summary>A dotfile named on the command line is added like any other file.</summary>
    private static bool ExplicitlyNamed(string top, string file) => top == file;

    internal static IBackend ChooseBackend(CommandContext ctx, AnnexRepo repo)
    {
        var name = ctx.Globals.Value("backend") ?? repo.Config.Get("annex.backend") ?? repo.Config.Get("annex.backends")?.Split(' ')[0];
        if (string.IsNullOrEmpty(name)) return Backends.Default;
        return Backends.ByName(name) ?? throw new UserErrorException($"unknown backend {name}");
    }

    /// <summary>
    /// Small files and dotfiles go to git as they are: hashed without the annex filter and staged
    /// (Command/Add.hs addFile Small), so annex.largefiles cannot turn them back into annexed files.
    /// </summary>
    internal static async Task GitAddAsync(AnnexRepo repo, List<string> files, CancellationToken ct)
    {
        if (files.Count == 0) return;
        await using var index = new UpdateIndex(repo.Git);
        foreach (var file in files)
        {
            var full = Path.Combine(repo.Git.TopDir, file);
            var fi = new FileInfo(full);
            if (fi.LinkTarget is { } target)
            {
                var sha = await repo.HashObject.HashBytesAsync(System.Text.Encoding.UTF8.GetBytes(target), ct);
                await index.StageAsync(UpdateIndex.SymlinkMode, sha, file, ct);
            }
            else if (fi.Exists)
            {
                // No longer an unlocked copy of any key.
                if (repo.KeysDbIfExists is { } db) foreach (var k in db.GetAssociatedKey(file)) db.RemoveAssociatedFile(k, file);
                var sha = await repo.HashObject.HashFileAsync(full, ct);
                bool exec = (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
                await index.StageAsync(exec ? UpdateIndex.ExecMode : UpdateIndex.FileMode, sha, file, ct);
            }
        }
        await index.FinishAsync(ct);
    }
}
