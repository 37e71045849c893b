using Annex.Core.Git;
using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>
/// Stages annex links just written by <see cref="Ingest.MakeSymlink"/>. With symlinks, the work-tree path is
/// staged as it is on disk; where git does not make symlinks (core.symlinks=false) the file only holds the
/// target, and git would stage a new one as a regular file, so the link is staged as a symlink by hash
/// instead (Annex/Link.hs addAnnexLink). One git process either way.
/// </summary>
public sealed class LinkStager(AnnexRepo repo) : IAsyncDisposable
{
    private StagePaths? _paths;
    private UpdateIndex? _index;

    public Task StageAsync(string topRelative, Key key, CancellationToken ct = default)
    {
        if (repo.CoreSymlinks) return (_paths ??= new StagePaths(repo.Git)).AddAsync(topRelative, ct);
        return new Ingest(repo).StageLinkAsync(_index ??= new UpdateIndex(repo.Git), topRelative, key, ct);
    }

    public async Task FinishAsync(CancellationToken ct = default)
    {
        if (_paths != null) await _paths.FinishAsync(ct);
        if (_index != null) await _index.FinishAsync(ct);
    }

    public async ValueTask DisposeAsync() => await FinishAsync();
}
