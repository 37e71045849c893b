using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Moves a work-tree file's content into the annex as a locked file (Annex/Ingest.hs): hash it, check
/// it did not change while being hashed, move it into the object store, leave a symlink in its place,
/// and record that this repository has the content.
/// </summary>
public sealed class Ingest(AnnexRepo repo)
{
    private readonly ObjectStore _store = new(repo.Locations);
    private readonly LocationLogStore _locations = new(repo);

    /// <summary>Annexes the file at <paramref name="topRelative"/>; returns its key. The caller stages the symlink.</summary>
    public async Task<Key> AddLockedAsync(string topRelative, IBackend backend, CancellationToken ct)
    {
        var full = Path.Combine(repo.Git.TopDir, topRelative);
        var before = Posix.TryStat(full, follow: false) ?? throw new UserErrorException($"{topRelative} not found");
        var key = backend.GenerateKey(full, KeyGenOptionsFor(topRelative), cancellationToken: ct);
        var after = Posix.TryStat(full, follow: false);
        if (after == null || after.Value.Size != before.Size || after.Value.MtimeSeconds != before.MtimeSeconds
            || after.Value.MtimeNanoseconds != before.MtimeNanoseconds || after.Value.Inode != before.Inode)
            throw new UserErrorException($"{topRelative} changed while it was being added");

        bool arrived = _store.MoveIn(key, full);
        if (!arrived)
        {
            // Same content already annexed: the stored copy stays, this one is redundant.
            File.SetUnixFileMode(full, File.GetUnixFileMode(full) | UnixFileMode.UserWrite);
            File.Delete(full);
        }
        MakeSymlink(topRelative, key);
        await _locations.SetAsync(key, repo.Uuid, present: true, ct);
        await LocalContent.PopulateAsync(repo, key, null, ct); // unlocked files with the same content get it too
        if (arrived) await repo.AdjustedRefresh.ContentChangedAsync(ct);
        return key;
    }

    /// <summary>
    /// Annexes the file at <paramref name="topRelative"/> as an unlocked file: the work-tree file stays, a copy
    /// of it becomes the object, and the keys database records the association and both inode caches, so the
    /// clean filter run when the caller stages the file answers with the pointer without hashing again. A file
    /// modified while it is hashed or copied is refused, never recorded under the wrong key.
    /// </summary>
    public async Task<Key> AddUnlockedAsync(string topRelative, IBackend backend, CancellationToken ct)
    {
        var full = Path.Combine(repo.Git.TopDir, topRelative);
        var before = InodeCache.Of(full) ?? throw new UserErrorException($"{topRelative} not found");
        var key = backend.GenerateKey(full, KeyGenOptionsFor(topRelative), cancellationToken: ct);
        if (InodeCache.Of(full) != before) throw new UserErrorException($"{topRelative} changed while it was being added");
        bool arrived = false;
        if (!_store.Has(key))
        {
            Directory.CreateDirectory(repo.Locations.TmpDir);
            var tmp = repo.Locations.TmpObjectPath(key);
            File.Copy(full, tmp, overwrite: true);
            if (InodeCache.Of(full) != before)
            {
                File.Delete(tmp);
                throw new UserErrorException($"{topRelative} changed while it was being added");
            }
            arrived = _store.MoveIn(key, tmp);
            if (!arrived) File.Delete(tmp);
        }
        var db = repo.KeysDb;
        db.AddAssociatedFile(key, topRelative);
        db.AddInodeCaches(key, before);
        if (_store.PathOf(key) is { } obj && InodeCache.Of(obj) is { } oic) db.AddInodeCaches(key, oic);
        await _locations.SetAsync(key, repo.Uuid, present: true, ct);
        await LocalContent.PopulateAsync(repo, key, null, ct);
        if (arrived) await repo.AdjustedRefresh.ContentChangedAsync(ct);
        return key;
    }

    public KeyGenOptions KeyGenOptionsFor(string topRelative) => new(
        AssociatedFile: topRelative,
        MaxExtensionLength: (int)(repo.Config.GetLong("annex.maxextensionlength") ?? FileExtension.DefaultMaxLength),
        MaxExtensions: (int)(repo.Config.GetLong("annex.maxextensions") ?? FileExtension.DefaultMaxExtensions));

    /// <summary>
    /// (Re)writes the symlink for a locked file, replacing whatever is at the path. Where git does not make
    /// symlinks (core.symlinks=false), the file holds the link target instead (Annex/Link.hs makeGitLink); the
    /// caller must then stage it as a symlink (<see cref="StageLinkAsync"/>), since git would stage a new file
    /// as a regular one.
    /// </summary>
    public void MakeSymlink(string topRelative, Key key)
    {
        var full = Path.Combine(repo.Git.TopDir, topRelative);
        var target = repo.LinkTarget(key, topRelative);
        var tmp = full + ".annex-link-tmp";
        try { File.Delete(tmp); } catch (IOException) { }
        if (repo.CoreSymlinks) File.CreateSymbolicLink(tmp, target);
        else File.WriteAllText(tmp, target);
        File.Move(tmp, full, overwrite: true);
    }

    /// <summary>Stages the annex link for <paramref name="key"/> at <paramref name="topRelative"/> as a symlink, whatever is on disk.</summary>
    public async Task StageLinkAsync(Git.UpdateIndex index, string topRelative, Key key, CancellationToken ct)
    {
        var sha = await repo.HashObject.HashBytesAsync(System.Text.Encoding.UTF8.GetBytes(Locations.SymlinkTarget(key, topRelative)), ct);
        await index.StageAsync(Git.UpdateIndex.SymlinkMode, sha, topRelative, ct);
    }
}
