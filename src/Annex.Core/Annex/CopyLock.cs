namespace Annex.Core.Annex;

/// <summary>
/// A copy held in place while a drop elsewhere counts it. <see cref="Expires"/> is when the holder stops
/// guaranteeing it if the lock is lost (a P2P peer keeps a lock for its retention time after a dropped
/// connection); null for a lock that cannot be lost without us knowing (a local fcntl lock).
/// </summary>
public sealed class CopyLock(Func<ValueTask> release, DateTimeOffset? expires = null) : IAsyncDisposable
{
    public DateTimeOffset? Expires { get; } = expires;

    /// <summary>A lock released synchronously (an fcntl lock).</summary>
    public CopyLock(IDisposable release) : this(() => { release.Dispose(); return ValueTask.CompletedTask; }) { }

    public ValueTask DisposeAsync() => release();

    /// <summary>A copy in a repository on this machine, held by its shared fcntl content lock; null when it cannot be.</summary>
    public static CopyLock? Local(Locations loc, Keys.Key key) =>
        ContentLock.LockShared(loc, key) is { } lk ? new CopyLock(lk) : null;
}
