using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// remote.log (doc/internals.mdwn): the configuration of each special remote, shared through the
/// git-annex branch so other clones can enable it by name.
/// </summary>
public sealed class RemoteConfigStore(AnnexRepo repo)
{
    public const string FileName = "remote.log";

    public async Task<IReadOnlyDictionary<Uuid, IReadOnlyDictionary<string, string>>> ConfigsAsync(CancellationToken ct = default) =>
        RemoteConfigLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []).Current();

    public async Task SetAsync(Uuid uuid, IReadOnlyDictionary<string, string> config, CancellationToken ct = default)
    {
        var log = RemoteConfigLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []);
        log.Set(uuid, config, LogClock.Candidate());
        await repo.Branch.WriteAsync(FileName, RemoteConfigLog.Format(log), ct);
    }

    /// <summary>
    /// The special remotes configured under <paramref name="name"/> (name= in remote.log), those not dead
    /// first, as findExisting orders them.
    /// </summary>
    public async Task<IReadOnlyList<(Uuid Uuid, IReadOnlyDictionary<string, string> Config)>> FindByNameAsync(string name, CancellationToken ct = default)
    {
        var trust = await new TrustLogStore(repo).LevelsAsync(ct);
        return (await ConfigsAsync(ct))
            .Where(kv => kv.Value.TryGetValue("name", out var n) && n == name)
            .OrderBy(kv => trust.TryGetValue(kv.Key, out var l) && l == TrustLevel.Dead ? 1 : 0)
            .Select(kv => (kv.Key, kv.Value))
            .ToList();
    }
}
