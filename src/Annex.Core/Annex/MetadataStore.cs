using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>Per-key metadata logs (KEY.log.met; doc/git-annex-metadata.mdwn).</summary>
public sealed class MetadataStore(AnnexRepo repo)
{
    public async Task<MetaData> GetAsync(Key key, CancellationToken ct = default) =>
        MetaDataLog.Current(MetaDataLog.Parse(await repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".met"), ct) ?? []));

    /// <summary>Records a change (set values, "-" unset values) on top of the current metadata.</summary>
    public async Task ChangeAsync(Key key, MetaData change, CancellationToken ct = default)
    {
        var path = Locations.KeyLogPath(key, ".met");
        var log = MetaDataLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        var updated = MetaDataLog.Add(log, change, LogClock.Candidate());
        await repo.Branch.WriteAsync(path, MetaDataLog.Format(updated), ct);
    }
}
