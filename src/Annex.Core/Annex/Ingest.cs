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

        if (!_store.MoveIn(key, full))
        {
            // Same content already annexed: the stored copy stays, this one is redundant.
            File.SetUnixFileMode(full, File.GetUnixFileMode(full) | UnixFileMode.UserWrite);
            File.Delete(full);
        }
        MakeSymlink(topRelative, key);
        await _locations.SetAsync(key, repo.Uuid, present: true, ct);
        return key;
    }

    public KeyGenOptions KeyGenOptionsFor(string topRelative) => new(
        AssociatedFile: topRelative,
        MaxExtensionLength: (int)(repo.Config.GetLong("annex.maxextensionlength") ?? FileExtension.DefaultMaxLength),
        MaxExtensions: (int)(repo.Config.GetLong("annex.maxextensions") ?? FileExtension.DefaultMaxExtensions));

    /// <summary>(Re)writes the symlink for a locked file, replacing whatever is at the path.</summary>
    public void MakeSymlink(string topRelative, Key key)
    {
        var full = Path.Combine(repo.Git.TopDir, topRelative);
        var target = Locations.SymlinkTarget(key, topRelative);
        var tmp = full + ".annex-link-tmp";
        try { File.Delete(tmp); } catch (IOException) { }
        File.CreateSymbolicLink(tmp, target);
        File.Move(tmp, full, overwrite: true);
    }
}
