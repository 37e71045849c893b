using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.P2P.Protocol;

/// <summary>What the sender said about the data: v0 says nothing, so the receiver must verify it itself.</summary>
public enum DataValidity { Unknown, Valid, Invalid }

public sealed record GetResult(bool Stored, DataValidity Validity, long BytesReceived);

public sealed record PutResult(bool Stored, bool AlreadyHad, IReadOnlyList<Uuid> PlusUuids);

public sealed partial class P2PClient
{
    /// <summary>
    /// Downloads from <paramref name="offset"/> (the length of a partial file the caller kept) into
    /// <paramref name="destination"/>. After the data, <paramref name="verify"/> decides whether the caller
    /// keeps it (it must hash-verify when told Invalid or Unknown); the answer goes back as SUCCESS/FAILURE.
    /// A <see cref="TruncatedDataException"/> leaves what arrived in <paramref name="destination"/>.
    /// </summary>
    public Task<GetResult> GetAsync(Key key, long offset, string? associatedFile, Stream destination,
        Func<DataValidity, CancellationToken, ValueTask<bool>> verify, Action<long>? progress, CancellationToken ct) =>
        Guard(async () =>
        {
            var reply = await RequestAsync(new Get(offset, associatedFile, key), false, ct);
            if (reply is not Data d) throw new ProtocolException("expected DATA, got " + reply);
            if (key.Size is { } size && d.Length > size - offset)
                throw new ProtocolException($"server sent {d.Length} bytes from offset {offset} of a {size} byte key");
            await _conn.ReadDataAsync(d.Length, destination, n => progress?.Invoke(offset + n), ct);
            await destination.FlushAsync(ct);
            var validity = DataValidity.Unknown;
            if (Version.HasValidity)
                validity = await ReplyAsync(false, ct) switch
                {
                    Valid => DataValidity.Valid,
                    Invalid => DataValidity.Invalid,
                    var m => throw new ProtocolException("expected VALID or INVALID, got " + m),
                };
            var ok = await verify(validity, ct);
            await _conn.WriteMessageAsync(ok ? new Success() : new Failure(), ct);
            return new GetResult(ok, validity, d.Length);
        });

    /// <summary>
    /// Uploads the file at <paramref name="sourcePath"/>, resuming where the server's partial copy ends.
    /// The file is re-checked after sending (size and modification time): an unlocked file edited
    /// meanwhile is flagged INVALID so the server verifies and rejects it.
    /// </summary>
    public Task<PutResult> PutAsync(Key key, string? associatedFile, string sourcePath, Action<long>? progress,
        CancellationToken ct) =>
        Guard(async () =>
        {
            switch (await RequestAsync(new Put(associatedFile, key), false, ct))
            {
                case AlreadyHave: return new PutResult(true, true, []);
                case AlreadyHavePlus a: return new PutResult(true, true, a.Uuids);
                case PutFrom from:
                    await SendFileAsync(sourcePath, from.Offset, progress, ct);
                    return Stored(await ReplyAsync(false, ct));
                case var m: throw new ProtocolException("expected PUT-FROM or ALREADY-HAVE, got " + m);
            }
        });

    /// <summary>
    /// v4: tells the server the content was already uploaded some other way (e.g. straight to a special
    /// remote behind a proxy), for the server to check.
    /// </summary>
    public Task<PutResult> PutDataPresentAsync(Key key, string? associatedFile, CancellationToken ct)
    {
        if (!Version.HasDataPresent) throw new InvalidOperationException($"DATA-PRESENT needs protocol version 4, have {Version}");
        return Guard(async () =>
        {
            switch (await RequestAsync(new Put(associatedFile, key), false, ct))
            {
                case AlreadyHave: return new PutResult(true, true, []);
                case AlreadyHavePlus a: return new PutResult(true, true, a.Uuids);
                case PutFrom: return Stored(await RequestAsync(new DataPresent(), false, ct));
                case var m: throw new ProtocolException("expected PUT-FROM or ALREADY-HAVE, got " + m);
            }
        });
    }

    private async Task SendFileAsync(string sourcePath, long offset, Action<long>? progress, CancellationToken ct)
    {
        await using var fs = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var before = (fs.Length, File.GetLastWriteTimeUtc(sourcePath));
        if (offset > fs.Length) throw new ProtocolException($"server asked to resume at {offset}, past the end of a {fs.Length} byte file");
        fs.Position = offset;
        await _conn.WriteDataAsync(fs, fs.Length - offset, n => progress?.Invoke(offset + n), ct);
        if (Version.HasValidity)
        {
            var after = (new FileInfo(sourcePath).Length, File.GetLastWriteTimeUtc(sourcePath));
            await _conn.WriteMessageAsync(before == after ? new Valid() : new Invalid(), ct);
        }
    }

    private static PutResult Stored(Message m) => m switch
    {
        Success => new(true, false, []),
        SuccessPlus s => new(true, false, s.Uuids),
        Failure => new(false, false, []),
        FailurePlus f => new(false, false, f.Uuids),
        _ => throw new ProtocolException("expected SUCCESS or FAILURE, got " + m),
    };
}
