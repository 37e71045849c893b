using System.Diagnostics;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.P2P.Protocol;
using Annex.Core.Utility;

namespace Annex.Core.P2P;

/// <summary>
/// Serves a local repository over the P2P protocol (P2P/Annex.hs upstream). Location-log changes go to
/// the journal as they happen; <see cref="CommitAsync"/> commits them once at the end of the session, as
/// git-annex-shell does on exit (the journal is durable meanwhile, so a crash loses nothing).
/// </summary>
public sealed class RepoServerStore(AnnexRepo repo) : IP2PServerStore
{
    private readonly ObjectStore _objects = new(repo.Locations);
    private bool _changed;

    public bool HasKey(Key key) => _objects.Has(key);

    public ValueTask<IContentLock?> TryLockContentAsync(Key key, CancellationToken ct)
    {
        var lk = ContentLock.LockShared(repo.Locations, key);
        var obj = lk == null ? null : repo.Locations.PresentObjectPath(key);
        if (lk == null || obj == null) { lk?.Dispose(); return ValueTask.FromResult<IContentLock?>(null); }
        var stamp = ContentRetention.Retain(obj, ContentRetention.LockRetention, DateTimeOffset.UtcNow);
        return ValueTask.FromResult<IContentLock?>(new RetainedLock(lk, obj, stamp));
    }

    public async ValueTask<bool> RemoveAsync(Key key, long? deadline, CancellationToken ct)
    {
        if (_objects.Has(key))
        {
            // LockExclusive also refuses while a retention promise (.rtm) runs.
            using var lk = ContentLock.LockExclusive(repo.Locations, key);
            if (lk == null) return false;
            if (deadline is { } d && MonotonicSeconds() >= d) return false;
            _objects.Remove(key);
            await LocalContent.DepopulateAsync(repo, key, ct);
        }
        else if (deadline is { } d && MonotonicSeconds() >= d) return false;
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: false, ct);
        _changed = true;
        return true;
    }

    public ContentSource? OpenForSend(Key key, long offset)
    {
        var path = _objects.PathOf(key);
        if (path == null) return null;
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var length = fs.Length;
        var mtime = File.GetLastWriteTimeUtc(path);
        fs.Position = Math.Min(offset, length);
        // A hard-linked object (annex.thin) can be edited through the work tree while we send it.
        return new ContentSource(fs, length - fs.Position,
            () => File.Exists(path) && new FileInfo(path).Length == length && File.GetLastWriteTimeUtc(path) == mtime);
    }

    public IncomingContent BeginReceive(Key key) => new RepoIncomingContent(repo, key, () => _changed = true);

    public long MonotonicSeconds() => Stopwatch.GetTimestamp() / Stopwatch.Frequency;

    /// <summary>Commits the location-log changes of this session to the git-annex branch; true when content came or went.</summary>
    public async Task<bool> CommitAsync(CancellationToken ct)
    {
        if (!_changed) return false;
        await repo.Branch.CommitAsync("update", ct);
        _changed = false;
        return true;
    }

    /// <summary>
    /// The shared content lock plus its retention promise. Unlike the reference, a dropped connection keeps
    /// the promise (only an orderly UNLOCKCONTENT withdraws it): the peer may already have counted our copy
    /// and dropped its own, and the design promises 10 minutes either way.
    /// </summary>
    private sealed class RetainedLock(PosixLock lk, string obj, string? stamp) : IContentLock
    {
        public ValueTask DisposeAsync()
        {
            ContentRetention.Release(obj, stamp);
            lk.Dispose();
            return ValueTask.CompletedTask;
        }

        public void ReleaseKeepingRetention() => lk.Dispose();
    }
}
