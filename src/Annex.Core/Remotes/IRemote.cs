using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Remotes;

/// <summary>
/// What commands need of a place that holds content (doc/special_remotes.mdwn): ask whether it has a key,
/// read a key's bytes, store one, remove one, and lock one in place while a drop elsewhere relies on it.
/// Location logs of this repository are the caller's business; a remote records itself in its own logs.
/// Failures to reach the remote throw <see cref="Utility.UserErrorException"/>.
/// </summary>
public interface IRemote : IAsyncDisposable
{
    string Name { get; }
    Uuid Uuid { get; }
    int Cost { get; }
    bool ReadOnly { get; }

    /// <summary>Where the remote is, as `info` shows it (a path, or an ssh URL).</summary>
    string Location { get; }

    Task<bool> HasKeyAsync(Key key, CancellationToken ct);

    /// <summary>
    /// Writes the key's content from <paramref name="offset"/> to the end into <paramref name="destination"/>;
    /// false when the sender says the bytes changed while they were sent (the caller still verifies).
    /// Throws when the remote does not have the key or the transfer breaks.
    /// </summary>
    Task<bool> RetrieveAsync(Key key, string? associatedFile, long offset, Stream destination,
        Action<long, long?>? progress, CancellationToken ct);

    /// <summary>Stores the verified local object in the remote (which records it in its own location log).</summary>
    Task SendAsync(AnnexRepo local, Key key, string localObject, string? associatedFile,
        Action<long, long?>? progress, CancellationToken ct);

    /// <summary>Removes the remote's copy. <paramref name="proof"/> says until when the other copies it counted stay locked.</summary>
    Task RemoveAsync(AnnexRepo local, Key key, DropProof proof, CancellationToken ct);

    /// <summary>Locks the remote's copy against removal until the result is disposed; null when it cannot be locked.</summary>
    Task<CopyLock?> TryLockContentAsync(Key key, CancellationToken ct);
}
