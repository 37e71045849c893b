using Annex.Core.Annex.Matching;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// The decisions behind --auto and required content (doc/git-annex-preferred-content.mdwn): a repository
/// with a preferred-content expression wants what it matches; one without wants content only while there
/// are fewer copies than numcopies, and sheds it only while there are more.
/// </summary>
public sealed class Wanted(AnnexRepo repo)
{
    private readonly PreferredContent _preferred = new(repo);
    private readonly Dictionary<Uuid, Expression?> _wanted = new(), _required = new();
    private Dictionary<Key, List<string>>? _filesByKey;

    /// <summary>
    /// Whether repository <paramref name="uuid"/>'s preferred content includes the file; a repository without
    /// an expression prefers everything. This is what sync --content acts on (Annex/Wanted.hs).
    /// </summary>
    public async Task<bool> PrefersAsync(Uuid uuid, AnnexedFile file, CancellationToken ct)
    {
        var expr = await WantedExprAsync(uuid, ct);
        return expr == null || await expr.MatchAsync(Subject(file), ct);
    }

    /// <summary>Whether repository <paramref name="uuid"/> wants the file's content (for get/copy --auto).</summary>
    public async Task<bool> WantGetAsync(Uuid uuid, AnnexedFile file, CancellationToken ct)
    {
        var expr = await WantedExprAsync(uuid, ct);
        if (expr != null) return await expr.MatchAsync(Subject(file), ct);
        return await CopyCounting.CountAsync(repo, file.Key, ct) < await new NumCopiesStore(repo).NumCopiesAsync(ct);
    }

    public async Task<bool> WantDropAsync(Uuid from, AnnexedFile file, CancellationToken ct)
    {
        var expr = await WantedExprAsync(from, ct);
        if (expr != null) return !await expr.MatchAsync(Subject(file), ct);
        return await CopyCounting.CountAsync(repo, file.Key, ct) > await new NumCopiesStore(repo).NumCopiesAsync(ct);
    }

    /// <summary>
    /// The file (or, failing that, another file with the same content) that makes the key required content of
    /// <paramref name="uuid"/>; null when dropping it from there is allowed by required content.
    /// </summary>
    public async Task<string?> RequiredByAsync(Uuid uuid, AnnexedFile file, CancellationToken ct)
    {
        if (!_required.TryGetValue(uuid, out var expr)) _required[uuid] = expr = await _preferred.RequiredAsync(uuid, ct);
        if (expr == null) return null;
        if (await expr.MatchAsync(Subject(file), ct)) return file.Path;
        foreach (var other in await FilesWithKeyAsync(file.Key, ct))
            if (other != file.Path && await expr.MatchAsync(new MatchSubject(other, file.Key, file.Key.Size), ct)) return other;
        return null;
    }

    private async Task<Expression?> WantedExprAsync(Uuid u, CancellationToken ct)
    {
        if (!_wanted.TryGetValue(u, out var e)) _wanted[u] = e = await _preferred.WantedAsync(u, ct);
        return e;
    }

    private static MatchSubject Subject(AnnexedFile f) => new(f.Path, f.Key, f.Key.Size);

    /// <summary>Work-tree files using a key, from one scan of the index per command.</summary>
    private async Task<IReadOnlyList<string>> FilesWithKeyAsync(Key key, CancellationToken ct)
    {
        if (_filesByKey == null)
        {
            _filesByKey = new Dictionary<Key, List<string>>();
            await foreach (var f in WorkTree.AnnexedFilesAsync(repo, [], ct))
            {
                if (!_filesByKey.TryGetValue(f.Key, out var l)) _filesByKey[f.Key] = l = [];
                l.Add(f.Path);
            }
        }
        return _filesByKey.TryGetValue(key, out var list) ? list : [];
    }
}
