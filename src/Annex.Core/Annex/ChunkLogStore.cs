using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>KEY.log.cnk (Logs/Chunk.hs): how many chunks of which size each remote holds of a key.</summary>
public sealed class ChunkLogStore(AnnexRepo repo)
{
    /// <summary>getCurrentChunks: the chunk layouts <paramref name="remote"/> has of the key (count above 0), in log order.</summary>
    public async Task<IReadOnlyList<(ChunkMethod Method, long Count)>> CurrentAsync(Key key, Uuid remote, CancellationToken ct = default)
    {
        var log = ChunkLog.Parse(await repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".cnk"), ct) ?? []);
        return log.Current().Where(kv => kv.Key.Remote == remote && kv.Value > 0)
            .Select(kv => (kv.Key.Method, kv.Value)).ToList();
    }

    /// <summary>chunksStored / chunksRemoved (count 0).</summary>
    public async Task SetAsync(Key key, Uuid remote, long chunkSize, long count, CancellationToken ct = default)
    {
        var path = Locations.KeyLogPath(key, ".cnk");
        var log = ChunkLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        log.Set(new ChunkLogKey(remote, ChunkMethod.Fixed(chunkSize)), count, LogClock.Candidate());
        await repo.Branch.WriteAsync(path, ChunkLog.Format(log), ct);
    }
}
