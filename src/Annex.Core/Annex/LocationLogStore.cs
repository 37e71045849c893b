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
        var current = log.Compact().FirstOrDefault(l => l.Info == uuid.Value);
        if (current != null && current.Status == status) return; // already recorded: no churn in the branch
        var updated = log.Add(status, uuid.Value, LogClock.Candidate(), out _);
        await repo.Branch.WriteAsync(path, updated.Format(), ct);
    }
}
