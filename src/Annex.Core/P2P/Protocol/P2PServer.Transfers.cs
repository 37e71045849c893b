using Annex.Core.Keys;

namespace Annex.Core.P2P.Protocol;

/// <summary>The multi-message exchanges: LOCKCONTENT, GET (we send) and PUT (we receive).</summary>
public sealed partial class P2PServer
{
    private async Task<ServerResult?> LockAsync(Key key, CancellationToken ct)
    {
        var lk = await _store.TryLockContentAsync(key, ct);
        if (lk == null) { await Send(new Failure(), ct); return null; }
        var orderly = false;
        try
        {
            await Send(new Success(), ct);
            var next = await _conn.ReadMessageAsync(ct);
            if (next.EndOfStream) return ServerResult.Done;
            if (next.Message is UnlockContent)
            {
                orderly = true;
                await lk.DisposeAsync();
                return null;
            }
            // Anything else (even "UNLOCKCONTENT <key>", which the design doc wrongly shows) is answered
            // as the reference does; the session goes on but the lock is over.
            await Send(new Error("expected UNLOCKCONTENT"), ct);
            return null;
        }
        finally
        {
            if (!orderly) lk.ReleaseKeepingRetention();
        }
    }

    private async Task<ServerResult?> SendContentAsync(Get g, CancellationToken ct)
    {
        var source = _store.OpenForSend(g.Key, g.Offset);
        if (source == null)
        {
            // Absent content is sent as no data, and (v1+) flagged so the client does not keep it.
            await _conn.WriteDataAsync(Stream.Null, 0, null, ct);
            if (_version.HasValidity) await Send(new Invalid(), ct);
        }
        else
        {
            await using (source)
            {
                await _conn.WriteDataAsync(source.Stream, source.Length, null, ct);
                if (_version.HasValidity) await Send(source.StillValid() ? new Valid() : new Invalid(), ct);
            }
        }
        // The client says whether it kept the content; nothing to do either way.
        var reply = await _conn.ReadMessageAsync(ct);
        if (reply.EndOfStream) return ServerResult.Done;
        if (reply.Message is Success or Failure) return null;
        if (reply.Message is Error) return ServerResult.Done;
        await RefuseAsync(reply, ct);
        return null;
    }

    private async Task<ServerResult?> ReceiveContentAsync(Put p, CancellationToken ct)
    {
        if (_mode == ServerMode.ReadOnly) { await Send(new Error(ReadOnlyRefusal), ct); return null; }
        if (_store.HasKey(p.Key)) { await Send(new AlreadyHave(), ct); return null; }
        await using var incoming = _store.BeginReceive(p.Key);
        await Send(new PutFrom(incoming.Offset), ct);
        var next = await _conn.ReadMessageAsync(ct);
        switch (next.Message)
        {
            case null when next.EndOfStream:
            case Error:
                return ServerResult.Done;
            case DataPresent when _version.HasDataPresent:
                // Only a proxy can have had the content arrive out of band; a repository checks.
                await Send(_store.HasKey(p.Key) ? new Success() : new Failure(), ct);
                return null;
            case Data d:
                return await ReceiveDataAsync(p.Key, incoming, d.Length, ct);
            default:
                await RefuseAsync(next, ct);
                return null;
        }
    }

    private async Task<ServerResult?> ReceiveDataAsync(Key key, IncomingContent incoming, long length, CancellationToken ct)
    {
        // More bytes than the key can hold is refused before reading any: otherwise a peer could fill the
        // disk with an "upload" that will never verify. The unread bytes leave the stream out of step.
        if (key.Size is { } size && length > size - incoming.Offset)
            throw new ProtocolException($"DATA {length} from offset {incoming.Offset} is longer than the key's size {size}");
        var destination = incoming.OpenDestination();
        try
        {
            await _conn.ReadDataAsync(length, destination, null, ct);
        }
        catch (TruncatedDataException e)
        {
            // What arrived stays in the temp file; the next PUT resumes from it. The reference sends FAILURE too.
            try { await Send(new Failure(), ct); } catch (IOException) { }
            return ServerResult.Failed(e.Message);
        }
        // v0 carries no validity; the store hashes every upload it can anyway, so only INVALID forces more.
        var force = false;
        if (_version.HasValidity)
        {
            var v = await _conn.ReadMessageAsync(ct);
            if (v.EndOfStream || v.Message is Error) return ServerResult.Done;
            if (v.Message is not (Valid or Invalid)) throw new ProtocolException("expected VALID or INVALID after DATA");
            force = v.Message is Invalid;
        }
        await Send(await incoming.CommitAsync(force, ct) ? new Success() : new Failure(), ct);
        return null;
    }
}
