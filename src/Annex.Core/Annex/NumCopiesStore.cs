using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>numcopies.log and mincopies.log (doc/git-annex-numcopies.mdwn); both default to 1. Command-line overrides win.</summary>
public sealed class NumCopiesStore(AnnexRepo repo)
{
    public int? NumCopiesOverride { get; set; }
    public int? MinCopiesOverride { get; set; }

    public async Task<int> NumCopiesAsync(CancellationToken ct = default) =>
        NumCopiesOverride ?? (int?)repo.Config.GetLong("annex.numcopies") ?? await ReadAsync("numcopies.log", ct) ?? 1;

    public async Task<int> MinCopiesAsync(CancellationToken ct = default) =>
        MinCopiesOverride ?? await ReadAsync("mincopies.log", ct) ?? 1;

    public async Task<int?> ReadAsync(string file, CancellationToken ct = default)
    {
        var log = CopiesLog.Parse(await repo.Branch.ReadAsync(file, ct) ?? []);
        return log.TryGetNewest(out var n) ? n : null;
    }

    public async Task SetAsync(string file, int n, CancellationToken ct = default)
    {
        var log = CopiesLog.Parse(await repo.Branch.ReadAsync(file, ct) ?? []);
        await repo.Branch.WriteAsync(file, CopiesLog.Format(log.WithValue(n, LogClock.Candidate())), ct);
    }
}
