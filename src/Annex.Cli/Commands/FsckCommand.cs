using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex fsck [PATH ...]` (doc/git-annex-fsck.mdwn, Command/Fsck.hs): checks each annexed file's
/// link, the location log's record of this repository (or of --from REMOTE, a local-path git remote),
/// the content's size and checksum (not with --fast), and that enough trustworthy copies exist. Bad
/// content goes to .git/annex/bad. In a bare repository, or with --all/--key, keys are checked instead
/// of files. Incremental fsck (its database) is not implemented and is refused.
/// </summary>
public sealed class FsckCommand : ICommand
{
    public string Name => "fsck";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("from", 'f'), OptionSpec.Flag("incremental", 'S'), OptionSpec.Flag("more", 'm'),
        OptionSpec.Value("incremental-schedule"), .. CommonOptions.KeySelection,
    ];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        foreach (var opt in new[] { "incremental", "more", "incremental-schedule", "branch", "unused", "failed", "batch", "batch-keys" })
            if (args.Has(opt)) throw new UserErrorException($"fsck --{opt} is not implemented in this version of git-annex");
        var repo = await ctx.InitializedRepoAsync(ct);
        IRemote? from = args.Value("from") is { } fromName ? await ctx.RemoteNamedAsync(fromName, ct) : null;
        var run = new FsckRun(ctx, repo, from);
        await run.PrepareAsync(ct);
        var u = from?.Uuid ?? repo.Uuid;
        if (run.Trust.TryGetValue(u, out var lvl) && lvl == TrustLevel.Dead)
            ctx.Messages.Warning("Warning: Fscking a repository that is currently marked as dead.");

        var runner = new ItemRunner(ctx, "fsck");
        if (args.Has("all") || args.Has("key") || repo.Git.IsBare)
        {
            IAsyncEnumerable<Key> keys = args.Value("key") is { } k
                ? new[] { Key.TryParse(k, out var kk) ? kk : throw new UserErrorException($"bad key {k}") }.ToAsyncEnumerable()
                : LoggedKeys.AllAsync(repo, ct);
            await foreach (var key in keys)
            {
                if (Backends.ForKey(key) == null) continue;
                ctx.Messages.StartItem("fsck", null, key.ToString(), null);
                run.Warner.Reset();
                await runner.RunAsync(() => run.CheckAsync(key, null, key.ToString(), ct));
            }
        }
        else
        {
            await using var stage = new StagePaths(repo.Git);
            run.Stage = stage;
            await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
            {
                if (Backends.ForKey(file.Key) == null) continue;
                var display = ctx.Display(repo, file.Path);
                ctx.Messages.StartItem("fsck", display, file.Key.ToString(), args.Params.Count == 0 ? display : input);
                run.Warner.Reset();
                await runner.RunAsync(() => run.CheckAsync(file.Key, file, display, ct));
            }
            await stage.FinishAsync(ct);
        }
        try { await new ActivityLogStore(repo).RecordAsync(u, "Fsck", ct); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        // Branch changes are committed before the failure summary, as the reference orders them.
        await ctx.FinishAsync(ct);
        return runner.Finish();
    }
}

/// <summary>The state of one fsck run and the per-item checks, in the reference's order.</summary>
internal sealed class FsckRun(CommandContext ctx, AnnexRepo repo, IRemote? from)
{
    public ItemWarner Warner { get; } = new(ctx.Messages);
    public StagePaths? Stage { get; set; }
    public IReadOnlyDictionary<Uuid, TrustLevel> Trust { get; private set; } = new Dictionary<Uuid, TrustLevel>();
    private readonly ObjectStore _store = new(repo.Locations);
    private readonly LocationLogStore _locations = new(repo);
    private int _numCopies;
    private UuidDescriptions _descs = null!;
    private Messages M => ctx.Messages;

    public async Task PrepareAsync(CancellationToken ct)
    {
        Trust = await new TrustLogStore(repo).LevelsAsync(ct);
        var nc = new NumCopiesStore(repo);
        if (ctx.Globals.Value("numcopies") is { } n) nc.NumCopiesOverride = ArgParser.PositiveInt("numcopies", n);
        _numCopies = await nc.NumCopiesAsync(ct);
        _descs = await UuidDescriptions.LoadAsync(repo, ct);
    }

    /// <summary>All checks run, even after one fails (upstream `check` sequences them all).</summary>
    public async Task<bool> CheckAsync(Key key, AnnexedFile? file, string desc, CancellationToken ct)
    {
        var results = new List<bool>();
        if (from == null)
        {
            if (file != null) results.Add(await FixLinkAsync(key, file, ct));
            var obj = _store.PathOf(key);
            results.Add(await VerifyLocationLogAsync(key, obj != null, repo.Uuid, desc, ct));
            if (obj != null) BadContent.Freeze(obj);
            if (file != null) results.Add(await VerifyWorkTreeAsync(key, file, ct));
            results.Add(await CheckContentAsync(key, desc, ct));
        }
        else if (from is GitRemote local)
        {
            var remoteObj = local.Locations.PresentObjectPath(key);
            results.Add(await VerifyLocationLogAsync(key, remoteObj != null, from.Uuid, desc, ct));
            if (remoteObj != null) results.Add(await CheckRemoteContentAsync(key, remoteObj, desc, ct));
        }
        else
        {
            bool has = await from.HasKeyAsync(key, ct);
            results.Add(await VerifyLocationLogAsync(key, has, from.Uuid, desc, ct));
            if (has && !ctx.Fast) results.Add(await CheckDownloadedContentAsync(key, desc, ct));
        }
        results.Add(await CheckNumCopiesAsync(key, file != null, desc, ct));
        return results.All(r => r);
    }

    private async Task<bool> FixLinkAsync(Key key, AnnexedFile file, CancellationToken ct)
    {
        if (!file.Locked) return true;
        var full = Path.Combine(repo.Git.TopDir, file.Path);
        var have = new FileInfo(full).LinkTarget;
        var want = repo.LinkTarget(key, file.Path);
        if (have == null || have == want) return true;
        M.Note("fixing link");
        new Ingest(repo).MakeSymlink(file.Path, key);
        if (Stage != null) await Stage.AddAsync(file.Path, ct);
        return true;
    }

    private async Task<bool> VerifyLocationLogAsync(Key key, bool present, Uuid u, string desc, CancellationToken ct)
    {
        var logged = (await _locations.PresentAsync(key, ct)).Contains(u);
        if (present && !logged)
        {
            M.Note("fixing location log");
            await _locations.SetAsync(key, u, present: true, ct);
            return true;
        }
        if (!present && logged)
        {
            M.Note("fixing location log");
            await _locations.SetAsync(key, u, present: false, ct);
            Warner.Warn(FsckNotes.ExpectedPresentButMissing(desc));
            return false;
        }
        // A key with no location log at all gets one, so that it is known.
        if (!present && await repo.Branch.ReadAsync(Locations.LocationLogPath(key.WithoutChunk()), ct) == null)
            await _locations.SetAsync(key, u, present: false, ct);
        return true;
    }

    /// <summary>An unlocked file still holding its pointer while the content is present gets the content.</summary>
    private async Task<bool> VerifyWorkTreeAsync(Key key, AnnexedFile file, CancellationToken ct)
    {
        if (file.Locked) return true;
        var full = Path.Combine(repo.Git.TopDir, file.Path);
        var obj = _store.PathOf(key);
        if (obj == null || WorkTree.LookupKey(full, out var locked) != key || locked) return true;
        M.Note("fixing worktree content");
        var mode = File.GetUnixFileMode(full);
        var tmp = full + ".annex-fsck-tmp";
        File.Copy(obj, tmp, overwrite: true);
        File.SetUnixFileMode(tmp, mode | UnixFileMode.UserWrite);
        File.Move(tmp, full, overwrite: true);
        // Recorded and restaged like any populated file, so `git status` stays clean.
        if (InodeCache.Of(full) is { } ic) repo.KeysDb.AddInodeCaches(key, ic);
        await LocalContent.RestageAsync(repo, [file.Path], ct);
        return true;
    }

    private async Task<bool> CheckContentAsync(Key key, string desc, CancellationToken ct)
    {
        var obj = _store.PathOf(key);
        if (obj == null) return true;
        if (key.Size is { } size && new FileInfo(obj).Length is var actual && actual != size)
        {
            var moved = await MoveBadAsync(key, obj, ct);
            Warner.Warn($"{desc}: Bad file size ({SizeDisplay.Compare(size, actual)}); {moved}");
            return false;
        }
        if (ctx.Fast || Backends.ForKey(key) is not { CanVerify: true }) return true;
        M.Note("checksum...");
        if (Backends.VerifyFile(key, obj, ct) != false) return true;
        var where = await MoveBadAsync(key, obj, ct);
        Warner.Warn($"{desc}: Bad file content; {where}");
        return false;
    }

    private async Task<string> MoveBadAsync(Key key, string obj, CancellationToken ct)
    {
        var dest = BadContent.MoveBad(repo.Locations, key, obj);
        await _locations.SetAsync(key, repo.Uuid, present: false, ct);
        return "moved to " + Path.GetRelativePath(ctx.Cwd, dest);
    }

    /// <summary>The remote's object is checked in place (a local path remote's copy is as cheap as a symlink to it).</summary>
    private async Task<bool> CheckRemoteContentAsync(Key key, string remoteObj, string desc, CancellationToken ct, bool showChecksum = true)
    {
        if (key.Size is { } size && new FileInfo(remoteObj).Length is var actual && actual != size)
        {
            Warner.Warn($"{desc}: Bad file size ({SizeDisplay.Compare(size, actual)}); {await BadRemoteAsync(key, remoteObj, ct)}");
            return false;
        }
        if (ctx.Fast || Backends.ForKey(key) is not { CanVerify: true }) return true;
        if (showChecksum) M.Note("checksum..."); // a download shows its progress instead
        if (Backends.VerifyFile(key, remoteObj, ct) != false) return true;
        Warner.Warn($"{desc}: Bad file content; {await BadRemoteAsync(key, remoteObj, ct)}");
        return false;
    }

    /// <summary>A remote on another machine: its copy is downloaded to a temporary file and checked there.</summary>
    private async Task<bool> CheckDownloadedContentAsync(Key key, string desc, CancellationToken ct)
    {
        Directory.CreateDirectory(repo.Locations.OtherTmpDir);
        var tmp = Path.Combine(repo.Locations.OtherTmpDir, $"fsck.{Environment.ProcessId}.{KeyFile.Escape(key)}");
        try
        {
            await using (var dst = new FileStream(tmp, FileMode.Create, FileAccess.Write))
                await from!.RetrieveAsync(key, null, 0, dst, M.Progress, ct);
            return await CheckRemoteContentAsync(key, tmp, desc, ct, showChecksum: false);
        }
        finally { File.Delete(tmp); }
    }

    /// <summary>badContentRemote': keep the bad copy in our bad directory unless we have the content, then drop it from the remote.</summary>
    private async Task<string> BadRemoteAsync(Key key, string remoteObj, CancellationToken ct)
    {
        var dest = BadContent.BadPath(repo.Locations, key);
        bool keep = !_store.Has(key) && !File.Exists(dest);
        try
        {
            if (keep)
            {
                Directory.CreateDirectory(repo.Locations.BadDir);
                File.Copy(remoteObj, dest);
            }
            if (from is GitRemote local)
            {
                BadContent.MoveBad(local.Locations, key, remoteObj);
                File.Delete(BadContent.BadPath(local.Locations, key));
            }
            else await from!.RemoveAsync(repo, key, DropProof.Forced(), ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UserErrorException)
        {
            return $"failed to drop from {from!.Name}: {e.Message}";
        }
        await _locations.SetAsync(key, from.Uuid, present: false, ct);
        return keep ? $"moved from {from.Name} to {Path.GetRelativePath(ctx.Cwd, dest)}" : $"dropped from {from.Name}";
    }

    private async Task<bool> CheckNumCopiesAsync(Key key, bool hasFile, string desc, CancellationToken ct)
    {
        var locs = await _locations.PresentAsync(key, ct);
        TrustLevel LevelOf(Uuid u) => Trust.TryGetValue(u, out var l) ? l : TrustLevel.SemiTrusted;
        var untrusted = locs.Where(u => LevelOf(u) == TrustLevel.Untrusted).ToList();
        var dead = locs.Where(u => LevelOf(u) == TrustLevel.Dead).ToList();
        int present = locs.Count - untrusted.Count - dead.Count;
        if (present >= _numCopies) return true;
        M.Field("untrusted", _descs.Json(untrusted));
        M.Field("dead", _descs.Json(dead));
        Warner.Warn(FsckNotes.MissingNote(desc, present, _numCopies, _descs.PrettyList(untrusted), _descs.PrettyList(dead)));
        if (present == 0 && !hasFile) Warner.Warn("(Avoid this check by running: git annex dead --key )");
        return false;
    }
}
