using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Removing this repository's copy of a key, under its exclusive content lock, and keeping unlocked
/// work-tree copies in step with the object store: every file the keys database associates with the key
/// (plus the one being processed) is populated after a get and depopulated after a drop, its inode cache
/// recorded, and the index restaged so `git status` stays clean (Annex/Content/PointerFile.hs,
/// Annex/Link.hs restagePointerFiles).
/// </summary>
public static class LocalContent
{
    /// <summary>
    /// Drops the object; each unlocked file with the key whose work-tree copy is the unmodified content gets
    /// the pointer file in its place. A modified work-tree file is left alone: it is the user's new content,
    /// not the dropped key.
    /// </summary>
    public static async Task DropAsync(AnnexRepo repo, Key key, CancellationToken ct, string? unlockedPath = null)
    {
        var db = await repo.ReconciledKeysDbAsync(ct);
        var restage = new List<string>();
        foreach (var file in UnlockedFiles(db, key, unlockedPath))
            if (Depopulate(repo, db, key, file)) restage.Add(file);
        var store = new ObjectStore(repo.Locations);
        if (store.Has(key))
        {
            using var lk = ContentLock.LockExclusive(repo.Locations, key)
                ?? throw new UserErrorException("content is locked (another process is relying on this copy)");
            store.Remove(key);
        }
        db.RemoveInodeCaches(key);
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: false, ct);
        await RestageAsync(repo, restage, ct);
        // As upstream, only unlocked files turned back into pointers count (a locked file's symlink is unchanged).
        foreach (var _ in restage) await repo.AdjustedRefresh.ContentChangedAsync(ct);
    }

    /// <summary>After a key's object went by another path (the P2P server): its unmodified unlocked copies become pointers.</summary>
    public static async Task DepopulateAsync(AnnexRepo repo, Key key, CancellationToken ct)
    {
        if (repo.Git.IsBare) return;
        var db = await repo.ReconciledKeysDbAsync(ct);
        var restage = new List<string>();
        foreach (var file in UnlockedFiles(db, key, null))
            if (Depopulate(repo, db, key, file)) restage.Add(file);
        db.RemoveInodeCaches(key);
        await RestageAsync(repo, restage, ct);
    }

    /// <summary>
    /// After content arrives, each unlocked file still holding the key's pointer gets the content (a copy, or
    /// a hard link with annex.thin), and the index is restaged. Anything else in the work tree is the user's
    /// and is left alone.
    /// </summary>
    public static async Task PopulateAsync(AnnexRepo repo, Key key, string? unlockedPath, CancellationToken ct)
    {
        var db = await repo.ReconciledKeysDbAsync(ct);
        var obj = new ObjectStore(repo.Locations).PathOf(key);
        if (obj == null) return;
        var restage = new List<string>();
        bool thin = repo.Config.GetBool("annex.thin", false);
        foreach (var file in UnlockedFiles(db, key, unlockedPath))
        {
            var full = Path.Combine(repo.Git.TopDir, file);
            if (WorkTree.LookupKey(full, out var locked) != key || locked) continue;
            if (file == unlockedPath) db.AddAssociatedFile(key, file);
            ReplacePointer(db, key, obj, full, thin);
            restage.Add(file);
        }
        if (restage.Count > 0 && InodeCache.Of(obj) is { } oic) db.AddInodeCaches(key, oic);
        await RestageAsync(repo, restage, ct);
    }

    /// <summary>
    /// Puts the object's content where the pointer file <paramref name="full"/> was (a copy, or a hard link
    /// with annex.thin; a temp file then a rename, so the file is never half written) and records its inode cache.
    /// </summary>
    internal static void ReplacePointer(Database.KeysDb db, Key key, string obj, string full, bool thin)
    {
        var tmp = full + ".annex-populate-tmp";
        if (thin) Posix.HardLinkOrCopy(obj, tmp);
        else File.Copy(obj, tmp, overwrite: true);
        Posix.TrySetMode(tmp, File.GetUnixFileMode(full) | UnixFileMode.UserWrite);
        File.Move(tmp, full, overwrite: true);
        if (InodeCache.Of(full) is { } ic) db.AddInodeCaches(key, ic);
    }

    /// <summary>
    /// Lets git see that restaged unlocked files are unchanged: they are logged in restage.log, then
    /// `git update-index --refresh` re-runs the clean filter on them, which answers from the inode cache without
    /// hashing; once at the end of the command when it can be deferred. In the filter git holds the index, so
    /// they stay logged for a later restage.
    /// </summary>
    public static async Task RestageAsync(AnnexRepo repo, IReadOnlyCollection<string> files, CancellationToken ct)
    {
        if (files.Count == 0 || repo.Git.IsBare) return;
        RestageLog.Append(repo, files);
        if (repo.InFilter) return;
        if (repo.DeferRestage)
            repo.AddCleanupAction(CleanupAction.RestagePointerFiles, async c => await RestageLog.RestageAsync(repo, repo.Warn, c));
        else await RestageLog.RestageAsync(repo, repo.Warn, ct);
    }

    private static List<string> UnlockedFiles(Database.KeysDb db, Key key, string? unlockedPath)
    {
        var r = new List<string>();
        if (unlockedPath != null) r.Add(unlockedPath);
        foreach (var f in db.GetAssociatedFiles(key))
            if (f != unlockedPath) r.Add(f);
        return r;
    }

    private static bool Depopulate(AnnexRepo repo, Database.KeysDb db, Key key, string file)
    {
        var full = Path.Combine(repo.Git.TopDir, file);
        var fi = new FileInfo(full);
        if (!fi.Exists || fi.LinkTarget != null || (key.Size is { } sz && fi.Length != sz)) return false;
        if (WorkTree.LookupKey(full, out _) == key) return false; // already the pointer
        bool known = InodeCache.Of(full) is { } ic && db.IsKnownCopy(key, ic);
        if (!known && Backends.VerifyFile(key, full) != true) return false;
        var tmp = full + ".annex-pointer-tmp";
        File.WriteAllText(tmp, WorkTree.PointerContent(key));
        Posix.TrySetMode(tmp, File.GetUnixFileMode(full));
        File.Move(tmp, full, overwrite: true);
        return true;
    }
}
