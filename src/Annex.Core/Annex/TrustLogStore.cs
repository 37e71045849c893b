using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>trust.log, with the per-remote git config override remote.NAME.annex-trustlevel (doc/trust.mdwn).</summary>
public sealed class TrustLogStore(AnnexRepo repo)
{
    public const string FileName = "trust.log";

    public async Task<IReadOnlyDictionary<Uuid, TrustLevel>> LevelsAsync(CancellationToken ct = default) =>
        TrustLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []).Current();

    public async Task<TrustLevel> LevelOfAsync(Uuid uuid, CancellationToken ct = default) =>
        (await LevelsAsync(ct)).TryGetValue(uuid, out var l) ? l : TrustLevel.SemiTrusted;

    public async Task SetAsync(Uuid uuid, TrustLevel level, CancellationToken ct = default)
    {
        var log = TrustLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []);
        log.Set(uuid, level, LogClock.Candidate());
        await repo.Branch.WriteAsync(FileName, TrustLog.Format(log), ct);
    }
}
