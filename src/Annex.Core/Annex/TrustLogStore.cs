using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>trust.log, with the per-remote git config override remote.NAME.annex-trustlevel (doc/trust.mdwn).</summary>
public sealed class TrustLogStore(AnnexRepo repo)
{
    public const string FileName = "trust.log";

    /// <summary>
    /// Trust levels in force: trust.log, overridden by remote.NAME.annex-trustlevel, overridden in turn by
    /// the command line's --untrust/--semitrust (<see cref="AnnexRepo.TrustOverrides"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<Uuid, TrustLevel>> LevelsAsync(CancellationToken ct = default)
    {
        var levels = new Dictionary<Uuid, TrustLevel>(TrustLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []).Current());
        var names = new RemoteNames(repo);
        foreach (var (name, uuid) in names.RemoteUuids())
            if (repo.Config.Get($"remote.{name}.annex-trustlevel") is { } word && TrustLog.TryParseName(word, out var l))
                levels[uuid] = l;
        // An export remote's files are replaced by the next export, so like upstream (untrustworthy remotes,
        // Logs/Trust/Basic.hs) it is untrusted whatever trust.log says, unless it is lower already.
        var enabled = names.RemoteUuids().Values.ToHashSet();
        if (enabled.Count > 0)
            foreach (var (uuid, config) in await new RemoteConfigStore(repo).ConfigsAsync(ct))
                if (enabled.Contains(uuid) && config.TryGetValue("exporttree", out var e) && e == "yes"
                    && !(config.TryGetValue("versioning", out var v) && v == "yes"))
                    levels[uuid] = levels.TryGetValue(uuid, out var l) && l < TrustLevel.Untrusted ? l : TrustLevel.Untrusted;
        foreach (var (who, level) in repo.TrustOverrides)
            levels[await names.ResolveAsync(who, ct)] = level;
        return levels;
    }

    public async Task<TrustLevel> LevelOfAsync(Uuid uuid, CancellationToken ct = default) =>
        (await LevelsAsync(ct)).TryGetValue(uuid, out var l) ? l : TrustLevel.SemiTrusted;

    public async Task SetAsync(Uuid uuid, TrustLevel level, CancellationToken ct = default)
    {
        var log = TrustLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []);
        log.Set(uuid, level, LogClock.Candidate());
        await repo.Branch.WriteAsync(FileName, TrustLog.Format(log), ct);
    }
}
