using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Sync;

/// <summary>
/// Resolves a conflicted merge in the work tree (Annex/AutoMerge.hs resolveMerge). Only conflicts where at
/// least one side is an annexed file are resolved: two different keys become two variant files
/// (<see cref="VariantFile"/>); an annexed file against a deletion, directory, plain file or plain symlink
/// becomes a variant file while the other side is grafted in unchanged; the same key locked on one side
/// and unlocked on the other stays under its name, unlocked. Resolutions depend only on the two sides,
/// so repositories resolving the same conflict concurrently reach the same tree.
/// </summary>
public sealed class ConflictResolver(AnnexRepo repo)
{
    private readonly GitRepo _git = repo.Git;
    private readonly ObjectStore _store = new(repo.Locations);
    private readonly List<Key> _keys = [];
    private readonly List<string> _files = [];

    /// <summary>
    /// Resolving in a scratch work tree that holds only what the merge wrote (adjusted branch merges): files
    /// missing from it are not deletions, and there is no cruft to clean (resolveMerge's inoverlay).
    /// </summary>
    public bool InOverlay { get; init; }

    /// <summary>Resolves what can be resolved; true when anything was (the caller then commits).</summary>
    public async Task<bool> ResolveAsync(string? us, string them, MergeOutput output, CancellationToken ct)
    {
        var records = new List<string>();
        await foreach (var r in LsFiles.ZeroSeparatedAsync(_git, ["ls-files", "--unmerged", "-z", "--"], ct)) records.Add(r);
        var unmerged = UnmergedFile.Parse(records);
        var untrackedBefore = await UntrackedAsync(ct);
        if (us != null)
            foreach (var u in unmerged) await ResolveOneAsync(u, us, them, untrackedBefore, ct);

        var deleted = new List<string>();
        if (!InOverlay)
            await foreach (var d in LsFiles.DeletedAsync(_git, [], ct)) deleted.Add(d);
        if (deleted.Count > 0) await GitCli.RunAsync(_git, ["rm", "--quiet", "-f", "--", .. deleted], ct: ct);

        if (_files.Count == 0) return false;
        if (!InOverlay) await CleanConflictCruftAsync(ct);
        output.LongNote("Merge conflict was automatically resolved; you may want to examine the result.");
        return true;
    }

    private async Task ResolveOneAsync(UnmergedFile u, string us, string them, HashSet<string> untracked, CancellationToken ct)
    {
        var keyUs = await KeyOfAsync(u.Us, ct);
        var keyThem = await KeyOfAsync(u.Them, ct);
        var file = u.Path;
        if (keyUs != null && keyThem != null)
        {
            await RemoveFromIndexAsync(u, ct);
            if (keyUs != keyThem)
            {
                await MakeVariantAsync(keyUs, u.Us!, file, untracked, ct);
                await MakeVariantAsync(keyThem, u.Them!, file, untracked, ct);
                if (!u.Us!.IsSymlink) TryDelete(Full(file));
            }
            else if (u.Us!.IsSymlink && u.Them!.IsSymlink) await MakeSymlinkAsync(keyUs, file, ct);
            else await MakePointerAsync(keyUs, file, file, CombinedMode(u), untracked, ct);
            Resolved([keyUs, keyThem], file);
        }
        else if (keyUs != null)
        {
            await RemoveFromIndexAsync(u, ct);
            await GraftInAsync(them, file, want: u.Them, unwant: u.Us, ct);
            await MakeVariantAsync(keyUs, u.Us!, file, untracked, ct);
            Resolved([keyUs], file);
        }
        else if (keyThem != null)
        {
            await RemoveFromIndexAsync(u, ct);
            await GraftInAsync(us, file, want: u.Us, unwant: u.Them, ct);
            await MakeVariantAsync(keyThem, u.Them!, file, untracked, ct);
            Resolved([keyThem], file);
        }
        // Neither side annexed: left for the user.
    }

    private void Resolved(IEnumerable<Key> keys, string file)
    {
        _keys.AddRange(keys);
        _files.Add(file);
    }

    private string Full(string path) => Path.Combine(_git.TopDir, path);

    /// <summary>The key a conflicting blob names (an annex symlink target or a pointer file), if any.</summary>
    private async Task<Key?> KeyOfAsync(ConflictSide? side, CancellationToken ct)
    {
        if (side == null || side.Mode == "160000") return null;
        var blob = await repo.CatFile.ReadBlobAsync(side.Sha, ct);
        if (blob == null || blob.Length >= WorkTree.MaxPointerSize) return null;
        var pointer = WorkTree.KeyFromPointer(blob);
        if (pointer != null) return pointer;
        var text = Encoding.UTF8.GetString(blob).TrimEnd('\n');
        return text.Contains('\n') ? null : WorkTree.KeyFromSymlinkTarget(text);
    }

    private async Task RemoveFromIndexAsync(UnmergedFile u, CancellationToken ct)
    {
        List<string> paths = u.SiblingPath == null ? [u.Path] : [u.Path, u.SiblingPath];
        await GitCli.RunAsync(_git, ["rm", "--quiet", "-f", "--cached", "--", .. paths], ct: ct);
        if (u.SiblingPath != null) TryDelete(Full(u.SiblingPath));
    }

    private Task MakeVariantAsync(Key key, ConflictSide side, string file, HashSet<string> untracked, CancellationToken ct)
    {
        var dest = VariantFile.For(file, key);
        return side.IsSymlink ? MakeSymlinkAsync(key, dest, ct) : MakePointerAsync(key, file, dest, side.Mode, untracked, ct);
    }

    private async Task MakeSymlinkAsync(Key key, string dest, CancellationToken ct)
    {
        var target = repo.LinkTarget(key, dest);
        ReplaceWithSymlink(dest, target);
        var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(target), ct);
        await StageAsync(UpdateIndex.SymlinkMode, sha, dest, ct);
    }

    /// <summary>Where git makes no symlinks (core.symlinks=false), the file holds the target instead (Annex/Link.hs makeGitLink).</summary>
    private void ReplaceWithSymlink(string dest, string target)
    {
        var full = Full(dest);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".annex-merge-tmp";
        TryDelete(tmp);
        if (repo.CoreSymlinks) File.CreateSymbolicLink(tmp, target);
        else File.WriteAllText(tmp, target);
        if (Directory.Exists(full) && new FileInfo(full).LinkTarget == null) { TryDelete(tmp); return; }
        File.Move(tmp, full, overwrite: true);
    }

    /// <summary>An unlocked file: its content when present here (or the original file, renamed), else a pointer file.</summary>
    private async Task MakePointerAsync(Key key, string origFile, string dest, string mode, HashSet<string> untracked, CancellationToken ct)
    {
        var full = Full(dest);
        if (!ReuseOldFile(key, origFile, dest, untracked))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var tmp = full + ".annex-merge-tmp";
            var obj = _store.PathOf(key);
            if (obj != null) File.Copy(obj, tmp, overwrite: true);
            else File.WriteAllText(tmp, WorkTree.PointerContent(key));
            var perms = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            if (mode == UpdateIndex.ExecMode) perms |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            Posix.TrySetMode(tmp, perms);
            if (new FileInfo(full).LinkTarget != null) File.Delete(full);
            File.Move(tmp, full, overwrite: true);
        }
        var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(WorkTree.PointerContent(key)), ct);
        await StageAsync(mode == UpdateIndex.ExecMode ? UpdateIndex.ExecMode : UpdateIndex.FileMode, sha, dest, ct);
    }

    /// <summary>
    /// Reuses the work-tree file git left behind (under its own name or as "name~ref" cruft) when it holds
    /// the key's content. The reference matches inode caches from its keys database; the content is checked here.
    /// </summary>
    private bool ReuseOldFile(Key key, string origFile, string dest, HashSet<string> untracked)
    {
        var candidates = new List<string> { origFile };
        candidates.AddRange(untracked.Where(f => f != origFile && CruftBase(f) == origFile));
        foreach (var c in candidates)
        {
            var full = Full(c);
            var fi = new FileInfo(full);
            if (!fi.Exists || fi.LinkTarget != null || (key.Size != null && fi.Length != key.Size)) continue;
            if (Backends.VerifyFile(key, full) != true) continue;
            if (c == dest) return true;
            File.Move(full, Full(dest), overwrite: true);
            return true;
        }
        return false;
    }

    /// <summary>Stages the other side's file or directory as it is in <paramref name="branch"/> and puts it in the work tree.</summary>
    private async Task GraftInAsync(string branch, string item, ConflictSide? want, ConflictSide? unwant, CancellationToken ct)
    {
        var ls = await GitCli.RunAsync(_git, ["ls-tree", "-z", "-r", "--full-tree", branch, "--", item], ct: ct);
        if (ls.Ok && ls.Stdout.Length > 0)
            await GitCli.RunAsync(_git, ["update-index", "-z", "--index-info"], stdin: ls.Stdout, ct: ct);

        var full = Full(item);
        if (want is { IsSymlink: true })
        {
            var target = await repo.CatFile.ReadBlobAsync(want.Sha, ct);
            if (target != null) ReplaceWithSymlink(item, Encoding.UTF8.GetString(target));
        }
        else if (want != null && unwant is { IsSymlink: true } && want.Mode is UpdateIndex.FileMode or UpdateIndex.ExecMode)
            await ReplaceFileAsync(item, want, ct);
        else if (!Directory.Exists(full) || new FileInfo(full).LinkTarget != null)
            await ReplaceFileAsync(item, want, ct);
    }

    private async Task ReplaceFileAsync(string item, ConflictSide? want, CancellationToken ct)
    {
        if (want == null) return;
        var content = await repo.CatFile.ReadBlobAsync(want.Sha, ct);
        if (content == null) return;
        var full = Full(item);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".annex-merge-tmp";
        await File.WriteAllBytesAsync(tmp, content, ct);
        if (want.IsExecutable) Posix.TrySetMode(tmp, File.GetUnixFileMode(tmp) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        if (new FileInfo(full).LinkTarget != null) File.Delete(full);
        File.Move(tmp, full, overwrite: true);
    }

    private async Task StageAsync(string mode, string sha, string path, CancellationToken ct)
    {
        await using var ui = new UpdateIndex(_git);
        await ui.StageAsync(mode, sha, path, ct);
        await ui.FinishAsync(ct);
    }

    private static string CombinedMode(UnmergedFile u) =>
        u.Us?.IsExecutable == true || u.Them?.IsExecutable == true ? UpdateIndex.ExecMode : UpdateIndex.FileMode;

    /// <summary>
    /// git moves conflicting files aside as "name~ref"; once resolved, such untracked files are removed when
    /// they are annex links or pointers to (or verified copies of locally present) keys of the merge.
    /// </summary>
    private async Task CleanConflictCruftAsync(CancellationToken ct)
    {
        var files = _files.ToHashSet(StringComparer.Ordinal);
        var keys = _keys.ToHashSet();
        foreach (var f in await UntrackedAsync(ct))
        {
            if (!files.Contains(f) && !files.Contains(CruftBase(f))) continue;
            var full = Full(f);
            var k = WorkTree.LookupKey(full, out _);
            bool remove = k != null && keys.Contains(k);
            if (!remove && new FileInfo(full) is { Exists: true, LinkTarget: null } fi)
                remove = keys.Any(key => _store.Has(key) && (key.Size == null || key.Size == fi.Length) && Backends.VerifyFile(key, full) == true);
            if (remove) TryDelete(full);
        }
    }

    private async Task<HashSet<string>> UntrackedAsync(CancellationToken ct)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var f in LsFiles.ZeroSeparatedAsync(_git, ["ls-files", "-z", "--others", "--exclude-standard", "--"], ct)) set.Add(f);
        return set;
    }

    /// <summary>"foo~HEAD" -> "foo": everything before the last '~' (empty when there is none).</summary>
    public static string CruftBase(string f)
    {
        int t = f.LastIndexOf('~');
        return t < 0 ? "" : f[..t];
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
