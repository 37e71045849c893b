using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.P2P.Protocol;

/// <summary>Result of REMOVE / REMOVE-BEFORE; a proxy or cluster may list (v2+) the repositories it removed from.</summary>
public sealed record RemoveResult(bool Removed, IReadOnlyList<Uuid> PlusUuids);

/// <summary>
/// The requesting side of the P2P protocol over one connection, one request at a time. Any protocol
/// failure (unexpected reply, server ERROR, truncated DATA, cancellation mid-exchange) leaves the byte
/// stream in an unknown state, so the client marks itself unusable and every later call fails fast;
/// a connection pool must then open a new connection.
/// </summary>
public sealed partial class P2PClient : IAsyncDisposable
{
    private readonly P2PConnection _conn;
    private bool _broken;

    public ProtocolVersion Version { get; private set; } = ProtocolVersion.V0;
    public Uuid ServerUuid { get; private set; }
    public bool IsUsable => !_broken;

    private P2PClient(P2PConnection conn) => _conn = conn;

    /// <summary>
    /// Connects to a server that speaks first (git-annex-shell p2pstdio over ssh: our UUID went on its command
    /// line, <paramref name="clientUuid"/> is kept for symmetry with AUTH) and negotiates the version.
    /// </summary>
    public static Task<P2PClient> ConnectAsync(Stream input, Stream output, Uuid clientUuid, CancellationToken ct) =>
        OpenAsync(input, output, null, ProtocolVersion.Max, ct);

    /// <summary>Offers an older version than ours (tests, and talking to a peer known to mishandle newer ones).</summary>
    public static Task<P2PClient> ConnectAsync(Stream input, Stream output, ProtocolVersion offer, CancellationToken ct) =>
        OpenAsync(input, output, null, offer, ct);

    /// <summary>Connects to a server that wants AUTH first (tor and other token-based transports).</summary>
    public static Task<P2PClient> ConnectWithAuthAsync(Stream input, Stream output, Uuid clientUuid, string token,
        CancellationToken ct) => OpenAsync(input, output, new Auth(clientUuid, token), ProtocolVersion.Max, ct);

    private static async Task<P2PClient> OpenAsync(Stream input, Stream output, Auth? auth, ProtocolVersion offer, CancellationToken ct)
    {
        var client = new P2PClient(new P2PConnection(input, output));
        try
        {
            if (auth != null) await client._conn.WriteMessageAsync(auth, ct);
            var hello = await client._conn.ReadMessageAsync(ct);
            client.ServerUuid = hello.Message switch
            {
                AuthSuccess a => a.Peer,
                AuthFailure => throw new ProtocolException("authentication failed"),
                _ => throw Unexpected(hello, "AUTH-SUCCESS"),
            };
            // A server from before VERSION existed answers ERROR; it speaks version 0.
            var reply = await client.RequestAsync(new VersionMessage(offer), allowError: true, ct);
            client.Version = reply switch
            {
                VersionMessage v => ProtocolVersion.Min(v.Version, ProtocolVersion.Max),
                Error => ProtocolVersion.V0,
                _ => throw new ProtocolException("expected VERSION, got " + reply),
            };
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>BYPASS (v2+; ignored by older servers, so not sent to them): UUIDs a cluster gateway should avoid.</summary>
    public Task BypassAsync(IReadOnlyList<Uuid> uuids, CancellationToken ct) =>
        Version.HasPlusReplies ? Guard(async () => { await _conn.WriteMessageAsync(new Bypass(uuids), ct); return 0; }) : Task.CompletedTask;

    public Task<bool> CheckPresentAsync(Key key, CancellationToken ct) =>
        Guard(async () => SuccessOrFailure(await RequestAsync(new CheckPresent(key), false, ct)));

    /// <summary>Locks the server's copy; null when it cannot be locked. Disposing the handle sends UNLOCKCONTENT.</summary>
    public Task<P2PContentLock?> LockContentAsync(Key key, CancellationToken ct) =>
        Guard(async () => SuccessOrFailure(await RequestAsync(new LockContent(key), false, ct)) ? new P2PContentLock(this) : null);

    internal Task UnlockContentAsync() =>
        _broken ? Task.CompletedTask
            : Guard(async () => { await _conn.WriteMessageAsync(new UnlockContent(), CancellationToken.None); return 0; });

    public Task<RemoveResult> RemoveAsync(Key key, CancellationToken ct) =>
        Guard(async () => Removal(await RequestAsync(new Remove(key), false, ct)));

    /// <summary>REMOVE-BEFORE (v3+): the server removes only if its monotonic clock has not reached <paramref name="deadline"/>.</summary>
    public Task<RemoveResult> RemoveBeforeAsync(long deadline, Key key, CancellationToken ct)
    {
        if (!Version.HasTimestamps) throw new InvalidOperationException($"REMOVE-BEFORE needs protocol version 3, have {Version}");
        return Guard(async () => Removal(await RequestAsync(new RemoveBefore(deadline, key), false, ct)));
    }

    public Task<long> GetTimestampAsync(CancellationToken ct)
    {
        if (!Version.HasTimestamps) throw new InvalidOperationException($"GETTIMESTAMP needs protocol version 3, have {Version}");
        return Guard(async () => await RequestAsync(new GetTimestamp(), false, ct) is Timestamp t ? t.Seconds
            : throw new ProtocolException("expected TIMESTAMP"));
    }

    private static RemoveResult Removal(Message m) => m switch
    {
        Success => new(true, []),
        SuccessPlus s => new(true, s.Uuids),
        Failure => new(false, []),
        FailurePlus f => new(false, f.Uuids),
        _ => throw new ProtocolException("unexpected reply " + m),
    };

    public ValueTask DisposeAsync()
    {
        _broken = true;
        return _conn.DisposeAsync();
    }
}
