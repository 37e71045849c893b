using Annex.Core.Keys;

namespace Annex.Core.P2P.Protocol;

/// <summary>
/// The local effects a P2P server needs (LocalF in P2P/Protocol.hs), so the conversation never touches
/// the repository directly and can be tested against a fake. Implementations must be safe to call
/// from one conversation at a time; each connection gets its own server loop.
/// </summary>
public interface IP2PServerStore
{
    bool HasKey(Key key);

    /// <summary>Locks the content against removal; null when it is absent or being removed.</summary>
    ValueTask<IContentLock?> TryLockContentAsync(Key key, CancellationToken ct);

    /// <summary>
    /// Removes the content (true when it is gone, including when it was never here). With a
    /// <paramref name="deadline"/> (monotonic seconds) it fails unless it can be done before that time.
    /// </summary>
    ValueTask<bool> RemoveAsync(Key key, long? deadline, CancellationToken ct);

    /// <summary>The content from <paramref name="offset"/> on; null when the content is not here.</summary>
    ContentSource? OpenForSend(Key key, long offset);

    /// <summary>The resumable temp file for an upload of <paramref name="key"/>.</summary>
    IncomingContent BeginReceive(Key key);

    /// <summary>Seconds on a clock that never goes back (CLOCK_MONOTONIC), for GETTIMESTAMP and REMOVE-BEFORE.</summary>
    long MonotonicSeconds();
}

/// <summary>A LOCKCONTENT lock. Dispose is the orderly UNLOCKCONTENT.</summary>
public interface IContentLock : IAsyncDisposable
{
    /// <summary>
    /// The peer vanished or misbehaved while holding the lock: drop the process lock but keep any
    /// retention promise, since the peer may still be relying on the copy for its retention time.
    /// </summary>
    void ReleaseKeepingRetention();
}

/// <summary>Content being sent; <see cref="StillValid"/> is asked after the last byte (an unlocked file may change meanwhile).</summary>
public sealed record ContentSource(Stream Stream, long Length, Func<bool> StillValid) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}

/// <summary>
/// An upload in progress. <see cref="Offset"/> is how much a previous attempt left (the PUT-FROM offset);
/// bytes written to <see cref="OpenDestination"/> are appended after it. Disposing without a successful
/// <see cref="CommitAsync"/> keeps the partial file for the next attempt.
/// </summary>
public abstract class IncomingContent : IAsyncDisposable
{
    public abstract long Offset { get; }

    public abstract Stream OpenDestination();

    /// <summary>Verifies (always when <paramref name="forceVerify"/>), makes durable and stores; false when it does not verify.</summary>
    public abstract ValueTask<bool> CommitAsync(bool forceVerify, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
