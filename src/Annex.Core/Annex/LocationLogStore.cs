using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>Per-key location logs: which repositories have a key's content (doc/location_tracking.mdwn).</summary>
public sealed class LocationLogStore(AnnexRepo repo)
{
    public async Task<IReadOnlyList<Uuid>> PresentAsync(Key key, CancellationToken ct = default)
    {
        var log = PresenceLog.Parse(await repo.Branch.ReadAsync(Locations.LocationLogPath(key.WithoutChunk()), ct) ?? []);
        var list = new List<Uuid>();
        foreach (var s in log.Present())
            if (Uuid.TryParse(s, out var u)) list.Add(u);
        return list;
    }

    /// <summary>Records that <paramref name="uuid"/> has (or no longer has) the key's content.</summary>
    public async Task SetAsync(Key key, Uuid uuid, bool present, CancellationToken ct = default) =>
        await SetStatusAsync(key, uuid, present ? PresenceStatus.Present : PresenceStatus.Missing, ct);

    public async Task SetStatusAsync(Key key, Uuid uuid, PresenceStatus status, CancellationToken ct = default)
    {
        var path = Locations.LocationLogPath(key.WithoutChunk());
        var log = PresenceLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        // Already recorded: no churn in the branch. Otherwise the log is compacted, as the reference writes it.
        if (log.TryChangeStatus(status, uuid.Value, LogClock.Candidate(), out var updated))
            await repo.Branch.WriteAsync(path, updated.Format(), ct);
    }
}
