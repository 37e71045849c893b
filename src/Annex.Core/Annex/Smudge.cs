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
            if (WorkTree.KeyFromPointer(bytes) != null) { File.Delete(tempFile); return new MemoryStream(bytes); }
        }
        // A file that is already annexed (its index entry is a pointer) stays annexed whatever annex.largefiles says.
        bool annexed = await WorkTree.StagedPointerKeyAsync(repo, path, ct) != null;
        var setting = await new ConfigLogStore(repo).EffectiveAsync("annex.largefiles", ct);
        bool large = annexed || (setting != null
            && await (_largefiles ??= LargeFiles.Compile(setting)).MatchAsync(new MatchSubject(path, null, length, tempFile), ct));
        if (!large) return OpenAndDelete(tempFile);

        var backend = Backends.ByName(repo.Config.Get("annex.backend") ?? "") ?? Backends.Default;
        var key = backend.GenerateKey(tempFile, new Ingest(repo).KeyGenOptionsFor(path), cancellationToken: ct);
        if (!_store.MoveIn(key, tempFile)) File.Delete(tempFile);
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: true, ct);
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(key)));
    }

    /// <summary>Smudges: the object's content when present, else the content unchanged.</summary>
    public Stream SmudgeContent(byte[] content)
    {
        var key = WorkTree.KeyFromPointer(content);
        if (key != null && _store.PathOf(key) is { } obj)
            return new FileStream(obj, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return new MemoryStream(content);
    }

    private static FileStream OpenAndDelete(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
}
