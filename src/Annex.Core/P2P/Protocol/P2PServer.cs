using Annex.Core.Logs;

namespace Annex.Core.P2P.Protocol;

/// <summary>How a server session ended: Ok when the peer closed or sent ERROR; otherwise why it was cut short.</summary>
public sealed record ServerResult(bool Ok, string? Error)
{
    public static readonly ServerResult Done = new(true, null);
    public static ServerResult Failed(string why) => new(false, why);
}

/// <summary>
/// The serving side of the P2P protocol (serveAuthed in P2P/Protocol.hs): answers one request at a time
/// until the peer closes or sends ERROR. Our ERRORs keep the session going, so a client can probe for a
/// message we do not know. Exact texts were checked against git-annex-shell p2pstdio 10.20261026.
/// Messages of later versions (REMOVE-BEFORE, GETTIMESTAMP, BYPASS) are served whatever version was
/// negotiated, as the reference does; only the shape of transfers depends on the version.
/// </summary>
public sealed partial class P2PServer
{
    internal const string ReadOnlyRefusal = "this repository is read-only; write access denied";
    internal const string AppendOnlyRefusal = "this repository is append-only; removal denied";

    private readonly P2PConnection _conn;
    private readonly IP2PServerStore _store;
    private readonly ServerMode _mode;
    private ProtocolVersion _version = ProtocolVersion.V0;

    private P2PServer(P2PConnection conn, IP2PServerStore store, ServerMode mode)
    {
        _conn = conn;
        _store = store;
        _mode = mode;
    }

    /// <summary>
    /// Serves over ssh (git-annex-shell p2pstdio): ssh has authenticated the peer, so the server speaks first
    /// with AUTH-SUCCESS. Owns and closes both streams.
    /// </summary>
    public static async Task<ServerResult> RunAsync(Stream input, Stream output, IP2PServerStore store,
        Uuid serverUuid, ServerMode mode, CancellationToken ct)
    {
        await using var conn = new P2PConnection(input, output);
        var server = new P2PServer(conn, store, mode);
        return await server.GuardAsync(async () =>
        {
            await conn.WriteMessageAsync(new AuthSuccess(serverUuid), ct);
            return await server.ServeAsync(ct);
        });
    }

    /// <summary>Serves a transport without its own authentication: the peer must first send a valid AUTH.</summary>
    public static async Task<ServerResult> RunWithAuthAsync(Stream input, Stream output, IP2PServerStore store,
        Uuid serverUuid, ServerMode mode, Func<Uuid, string, bool> authenticate, CancellationToken ct)
    {
        await using var conn = new P2PConnection(input, output);
        var server = new P2PServer(conn, store, mode);
        return await server.GuardAsync(async () =>
        {
            while (true)
            {
                var inc = await conn.ReadMessageAsync(ct);
                if (inc.EndOfStream) return ServerResult.Done;
                if (inc.Message is Auth a)
                {
                    if (!authenticate(a.Peer, a.Token))
                    {
                        await conn.WriteMessageAsync(new AuthFailure(), ct);
                        return ServerResult.Failed("authentication failed");
                    }
                    await conn.WriteMessageAsync(new AuthSuccess(serverUuid), ct);
                    return await server.ServeAsync(ct);
                }
                await server.RefuseAsync(inc, ct);
            }
        });
    }

    // Oversized lines and broken pipes end the session; we try to say why before closing.
    private async Task<ServerResult> GuardAsync(Func<Task<ServerResult>> body)
    {
        try { return await body(); }
        catch (TruncatedDataException e) { return ServerResult.Failed(e.Message); }
        catch (ProtocolException e)
        {
            try { await _conn.WriteMessageAsync(new Error(e.Message), CancellationToken.None); } catch (IOException) { }
            return ServerResult.Failed(e.Message);
        }
        catch (IOException e) { return ServerResult.Failed(e.Message); }
    }

    private async Task<ServerResult> ServeAsync(CancellationToken ct)
    {
        while (true)
        {
            var inc = await _conn.ReadMessageAsync(ct);
            if (inc.EndOfStream || inc.Message is Error) return ServerResult.Done;
            if (inc.Message is not { } m) await RefuseAsync(inc, ct);
            else if (await HandleAsync(m, ct) is { } end) return end;
        }
    }

    /// <summary>Answers one request; a non-null result ends the session.</summary>
    private async Task<ServerResult?> HandleAsync(Message m, CancellationToken ct)
    {
        switch (m)
        {
            case VersionMessage v:
                _version = ProtocolVersion.Min(v.Version, ProtocolVersion.Max);
                await Send(new VersionMessage(_version), ct);
                return null;
            case Bypass:
                return null; // only meaningful to proxies and cluster gateways; a plain repository ignores it
            case CheckPresent c:
                await Send(_store.HasKey(c.Key) ? new Success() : new Failure(), ct);
                return null;
            case GetTimestamp:
                await Send(new Timestamp(_store.MonotonicSeconds()), ct);
                return null;
            case Remove r:
                await RemoveAsync(r.Key, null, ct);
                return null;
            case RemoveBefore r:
                await RemoveAsync(r.Key, r.Deadline, ct);
                return null;
            case LockContent l: return await LockAsync(l.Key, ct);
            case Get g: return await SendContentAsync(g, ct);
            case Put p: return await ReceiveContentAsync(p, ct);
            // The reference's p2pstdio answers neither: it stops with these errors (and exit status 1).
            case Connect: return ServerResult.Failed("relaying to git not supported on this connection");
            case NotifyChange: return ServerResult.Failed("change notification not available");
            default:
                await Send(new Error("unexpected command"), ct);
                return null;
        }
    }

    private async Task RemoveAsync(Keys.Key key, long? deadline, CancellationToken ct)
    {
        if (_mode != ServerMode.ReadWrite)
        {
            await Send(new Error(_mode == ServerMode.ReadOnly ? ReadOnlyRefusal : AppendOnlyRefusal), ct);
            return;
        }
        await Send(await _store.RemoveAsync(key, deadline, ct) ? new Success() : new Failure(), ct);
    }

    private ValueTask RefuseAsync(Incoming inc, CancellationToken ct) =>
        Send(new Error(inc.Unparsable ? "unknown command" : "unexpected command"), ct);

    private ValueTask Send(Message m, CancellationToken ct) => _conn.WriteMessageAsync(m, ct);
}
