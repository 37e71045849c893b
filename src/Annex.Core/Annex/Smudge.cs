using Annex.Core.Annex.Matching;
using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>
/// The annex filter's two directions (doc/git-annex-smudge.mdwn). Clean: a pointer stays a pointer; a
/// file already annexed, or one annex.largefiles calls large, is stored in the annex and replaced by its pointer; anything else
/// goes to git unchanged (in v10, without annex.largefiles, `git add` adds to git). Smudge: a pointer
/// whose content is present becomes that content; otherwise the pointer is left in the work tree.
/// </summary>
public sealed class Smudge(AnnexRepo repo)
{
    private readonly ObjectStore _store = new(repo.Locations);
    private Expression? _largefiles;

    /// <summary>Cleans the content in <paramref name="tempFile"/> (which this consumes); returns the stream git should store.</summary>
    public async Task<Stream> CleanAsync(string path, string tempFile, CancellationToken ct)
    {
        var length = new FileInfo(tempFile).Length;
        if (length < WorkTree.MaxPointerSize)
        {
            var bytes = await File.ReadAllBytesAsync(tempFile, ct);
            if (WorkTree.KeyFromPointer(bytes) is { } pk)
            {
                File.Delete(tempFile);
                repo.KeysDb.AddAssociatedFile(pk, path);
                return new MemoryStream(bytes);
            }
        }
        // A file that is already annexed (its index entry is a pointer) stays annexed whatever annex.largefiles says.
        var oldKey = await WorkTree.StagedPointerKeyAsync(repo, path, ct);
        var full = Path.Combine(repo.Git.TopDir, path);
        var before = InodeCache.Of(full);
        // The fast path that keeps `git status` cheap: an unlocked file whose inode cache is one recorded for its
        // staged key still has that key's content, so it is not hashed again (Command/Smudge.hs clean).
        // The same goes for a file `git annex add` has just annexed unlocked (associated with its path, not yet staged).
        if (before is { } bic && bic.Size == length)
        {
            var kdb = repo.KeysDb;
            foreach (var k in oldKey != null ? [oldKey, .. kdb.GetAssociatedKey(path)] : kdb.GetAssociatedKey(path))
                if (kdb.IsKnownCopy(k, bic))
                {
                    // A file now stored in git (add --force-small) stays in git while unchanged.
                    if (k != oldKey && await UnchangedGitFileAsync(path, tempFile, length, ct)) return OpenAndDelete(tempFile);
                    File.Delete(tempFile);
                    return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(k)));
                }
        }
        bool annexed = oldKey != null;
        var setting = await new ConfigLogStore(repo).EffectiveAsync("annex.largefiles", ct);
        bool large = annexed || (setting != null
            && await (_largefiles ??= LargeFiles.Compile(setting)).MatchAsync(new MatchSubject(path, null, length, tempFile), ct));
        if (large && !annexed && await UnchangedGitFileAsync(path, tempFile, length, ct)) large = false;
        if (!large) return OpenAndDelete(tempFile);

        // The same backend as before when it can make keys (Command/Smudge.hs), so an unchanged file keeps its key.
        var backend = oldKey != null && Backends.ForKey(oldKey) is { CanGenerateKey: true } same ? same
            : Backends.ByName(repo.Config.Get("annex.backend") ?? "") ?? Backends.Default;
        var key = backend.GenerateKey(tempFile, new Ingest(repo).KeyGenOptionsFor(path), cancellationToken: ct);
        bool arrived = _store.MoveIn(key, tempFile);
        if (!arrived) File.Delete(tempFile);
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: true, ct);
        // Other unlocked files with this content (e.g. a pointer from a clone) get it now.
        if (arrived) await LocalContent.PopulateAsync(repo, key, null, ct);
        // The work-tree file's inode cache is recorded only when it did not change while git read it and we
        // hashed it (a file modified meanwhile must never be taken for this key).
        var db = repo.KeysDb;
        db.AddAssociatedFile(key, path);
        if (before is { } b && b.Size == length && InodeCache.Of(full) is { } after && after == b) db.AddInodeCaches(key, b);
        if (_store.PathOf(key) is { } obj && InodeCache.Of(obj) is { } oic) db.AddInodeCaches(key, oic);
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(key)));
    }

    /// <summary>
    /// A file stored in git whose content is unchanged stays in git even when annex.largefiles now matches
    /// it: git re-runs the clean filter whenever it likes (a changed mtime, `git commit FILE`).
    /// Command/Smudge.hs checkunchangedgitfile: same size as the staged blob, then the same git hash — asked
    /// of the long-running cat-file and hash-object processes, not of new ones for each file git cleans.
    /// </summary>
    private async Task<bool> UnchangedGitFileAsync(string path, string tempFile, long length, CancellationToken ct)
    {
        var staged = await repo.CatFile.InfoAsync(":" + path, ct);
        if (staged is not { Type: "blob" } || staged.Size != length) return false;
        return await repo.HashObject.HashFileAsync(tempFile, ct) == staged.Sha;
    }

    /// <summary>Smudges: the object's content when present, else the content unchanged.</summary>
    public Stream SmudgeContent(byte[] content, string? path = null)
    {
        var key = WorkTree.KeyFromPointer(content);
        if (key != null && path != null) repo.KeysDb.AddAssociatedFile(key, path);
        if (key != null && _store.PathOf(key) is { } obj)
            return new FileStream(obj, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return new MemoryStream(content);
    }

    private static FileStream OpenAndDelete(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
}
