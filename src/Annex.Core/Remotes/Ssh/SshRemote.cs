using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.P2P.Protocol;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// A git remote reached over ssh (doc/special_remotes/git.mdwn): every annex operation is a P2P protocol
/// request to `git-annex-shell p2pstdio` on the other side. One connection is kept open and reused for the
/// whole command; a content lock takes a connection of its own, since the locked connection can say
/// nothing else until it unlocks. The remote records what it stores or removes in its own location log.
/// </summary>
public sealed class SshRemote : IRemote
{
    /// <summary>How long a peer keeps a LOCKCONTENT after losing the connection (doc/design/p2p_protocol.mdwn).</summary>
    public static readonly TimeSpan LockRetention = TimeSpan.FromMinutes(10);

    private readonly AnnexRepo _repo;
    private readonly SshConnector _connector;
    private readonly System.Collections.Concurrent.ConcurrentStack<SshConnection> _idle = new();

    public string Name { get; }
    public Uuid Uuid { get; }
    public int Cost { get; }
    public bool ReadOnly { get; }
    public string Location { get; }

    public SshRemote(AnnexRepo repo, string name, Uuid uuid, string location, SshUrl url, SshSettings settings, int cost, bool readOnly)
    {
        _repo = repo;
        Name = name;
        Uuid = uuid;
        Location = location;
        Cost = cost;
        ReadOnly = readOnly;
        _connector = new SshConnector(name, url, settings, repo.Uuid, uuid);
    }

    public Task<bool> HasKeyAsync(Key key, CancellationToken ct) => UseAsync(c => c.CheckPresentAsync(key, ct), ct);

    public Task<bool> RetrieveAsync(Key key, string? associatedFile, long offset, Stream destination,
        Action<long, long?>? progress, CancellationToken ct) => UseAsync(async c =>
    {
        // The reply to the data is informational (the server keeps nothing either way); our own check of
        // the hash comes after, in Transfer, for every version — v0 says nothing about validity at all.
        var r = await c.GetAsync(key, offset, associatedFile, destination,
            (v, _) => ValueTask.FromResult(v != DataValidity.Invalid), n => progress?.Invoke(n, key.Size), ct);
        if (r.Validity == DataValidity.Invalid && r.BytesReceived == 0 && key.Size != 0)
            throw new UserErrorException($"not available in {Name}");
        return r.Validity != DataValidity.Invalid;
    }, ct);

    public async Task SendAsync(AnnexRepo local, Key key, string localObject, string? associatedFile,
        Action<long, long?>? progress, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseIfReadOnly();
        var r = await UseAsync(c => c.PutAsync(key, associatedFile, localObject, n => progress?.Invoke(n, key.Size), ct), ct);
        if (!r.Stored) throw new UserErrorException($"transfer to {Name} failed");
        await new LocationLogStore(local).SetAsync(key, Uuid, present: true, ct);
    }

    public async Task RemoveAsync(AnnexRepo local, Key key, DropProof proof, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseIfReadOnly();
        var r = await UseAsync(c => RemoveWithinProofAsync(c, key, proof, ct), ct);
        if (!r.Removed) throw new UserErrorException($"removal from {Name} failed");
        await new LocationLogStore(local).SetAsync(key, Uuid, present: false, ct);
    }

    /// <summary>
    /// When the proof rests on locks that lapse (another peer's retention time), the removal must not happen
    /// after they do: REMOVE-BEFORE with the peer's own monotonic clock. Its timestamp is asked first and our
    /// clock read second, so the round trip only ever shortens the window (P2P/Protocol.hs removeBefore).
    /// </summary>
    private static async Task<RemoveResult> RemoveWithinProofAsync(P2PClient c, Key key, DropProof proof, CancellationToken ct)
    {
        if (proof.Expires is not { } expires || !c.Version.HasTimestamps) return await c.RemoveAsync(key, ct);
        long remoteNow = await c.GetTimestampAsync(ct);
        long left = (long)Math.Floor((expires - DateTimeOffset.UtcNow).TotalSeconds);
        if (left <= 0) return new RemoveResult(false, []);
        return await c.RemoveBeforeAsync(remoteNow + left, key, ct);
    }

    public async Task<CopyLock?> TryLockContentAsync(Key key, CancellationToken ct)
    {
        SshConnection conn;
        try { conn = await TakeConnectionAsync(ct); }
        catch (UserErrorException) { return null; } // unreachable: the copy cannot be counted
        try
        {
            var held = await conn.Client.LockContentAsync(key, ct);
            var expires = DateTimeOffset.UtcNow + LockRetention;
            if (held == null) { Return(conn); return null; }
            return new CopyLock(async () =>
            {
                await held.DisposeAsync();
                Return(conn);
            }, expires);
        }
        catch (Exception e) when (e is ProtocolException or IOException)
        {
            await conn.DisposeAsync();
            return null;
        }
    }

    private void RefuseIfReadOnly()
    {
        if (ReadOnly) throw new UserErrorException($"{Name} is a read-only remote (remote.{Name}.annex-readonly)");
    }

    private async Task<T> UseAsync<T>(Func<P2PClient, Task<T>> exchange, CancellationToken ct)
    {
        var conn = await TakeConnectionAsync(ct);
        try
        {
            var result = await exchange(conn.Client);
            if (conn.Client.IsUsable) Return(conn);
            else await conn.DisposeAsync();
            return result;
        }
        catch (Exception e) when (e is ProtocolException or IOException)
        {
            await conn.DisposeAsync();
            throw new UserErrorException($"{Name}: {e.Message}");
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private async Task<SshConnection> TakeConnectionAsync(CancellationToken ct) =>
        _idle.TryPop(out var conn) ? conn : await _connector.OpenAsync(ct);

    /// <summary>A connection that is still in step goes back to the pool; a broken one is closed when the command ends.</summary>
    private void Return(SshConnection conn) => _idle.Push(conn);

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out var conn)) await conn.DisposeAsync();
        await _connector.StopCachedConnectionAsync();
    }
}
