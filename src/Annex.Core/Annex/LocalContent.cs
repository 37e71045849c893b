using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>Removing this repository's copy of a key, under its exclusive content lock.</summary>
public static class LocalContent
{
    /// <summary>
    /// Drops the object; for an unlocked file (<paramref name="unlockedPath"/>, top-relative) whose work-tree
    /// copy is the unmodified content, that copy goes too and the pointer file takes its place. A modified
    /// work-tree file is left alone: it is the user's new content, not the dropped key.
    /// </summary>
    public static async Task DropAsync(AnnexRepo repo, Key key, CancellationToken ct, string? unlockedPath = null)
    {
        if (unlockedPath != null) Depopulate(repo, key, Path.Combine(repo.Git.TopDir, unlockedPath));
        var store = new ObjectStore(repo.Locations);
        if (store.Has(key))
        {
            using var lk = ContentLock.LockExclusive(repo.Locations, key)
                ?? throw new UserErrorException("content is locked (another process is relying on this copy)");
            store.Remove(key);
        }
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: false, ct);
    }

    /// <summary>
    /// After content arrives, an unlocked file still holding the key's pointer gets the content (a copy, or a
    /// hard link with annex.thin). Anything else in the work tree is the user's and is left alone.
    /// </summary>
    public static void Populate(AnnexRepo repo, Key key, string unlockedPath)
    {
        var full = Path.Combine(repo.Git.TopDir, unlockedPath);
        if (WorkTree.LookupKey(full, out var locked) != key || locked) return;
        var obj = new ObjectStore(repo.Locations).PathOf(key);
        if (obj == null) return;
        var tmp = full + ".annex-populate-tmp";
        if (repo.Config.GetBool("annex.thin", false)) Posix.HardLink(obj, tmp);
        else File.Copy(obj, tmp, overwrite: true);
        File.SetUnixFileMode(tmp, File.GetUnixFileMode(full) | UnixFileMode.UserWrite);
        File.Move(tmp, full, overwrite: true);
    }

    private static void Depopulate(AnnexRepo repo, Key key, string full)
    {
        var fi = new FileInfo(full);
        if (!fi.Exists || fi.LinkTarget != null || (key.Size is { } sz && fi.Length != sz)) return;
        if (Backends.VerifyFile(key, full) != true) return;
        var tmp = full + ".annex-pointer-tmp";
        File.WriteAllText(tmp, WorkTree.PointerContent(key));
        File.SetUnixFileMode(tmp, File.GetUnixFileMode(full));
        File.Move(tmp, full, overwrite: true);
    }
}
