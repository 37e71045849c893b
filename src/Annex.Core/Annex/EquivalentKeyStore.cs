using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// Per-key equivalent-key logs <c>KEY.log.ek</c> (Logs/EquivilantKeys.hs): hash keys of content known under a
/// VURL key, recorded when the web first delivers it so later transfers can be verified (Backend/VURL.hs).
/// </summary>
public sealed class EquivalentKeyStore(AnnexRepo repo)
{
    public async Task<IReadOnlyList<Key>> KeysAsync(Key key, CancellationToken ct = default)
    {
        var log = PresenceLog.Parse(await repo.Branch.ReadAsync(Locations.KeyLogPath(key.WithoutChunk(), ".ek"), ct) ?? []);
        var list = new List<Key>();
        foreach (var s in log.Present())
            if (Key.TryParse(s, out var k) && !list.Contains(k)) list.Add(k);
        return list;
    }

    public async Task AddAsync(Key key, Key equivalent, CancellationToken ct = default)
    {
        var path = Locations.KeyLogPath(key.WithoutChunk(), ".ek");
        var log = PresenceLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        await repo.Branch.WriteAsync(path, log.Add(PresenceStatus.Present, equivalent.ToString(), LogClock.Candidate(), out _).Format(), ct);
    }
}
