using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>uuid.log: repository descriptions (doc/internals.mdwn).</summary>
public sealed class UuidLogStore(AnnexRepo repo)
{
    public const string FileName = "uuid.log";

    public async Task<IReadOnlyDictionary<Uuid, string>> DescriptionsAsync(CancellationToken ct = default) =>
        TextUuidLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []).Current();

    public async Task DescribeAsync(Uuid uuid, string description, CancellationToken ct = default)
    {
        var log = TextUuidLog.Parse(await repo.Branch.ReadAsync(FileName, ct) ?? []);
        log.Set(uuid, TextUuidLog.EscapeDescription(description), LogClock.Candidate());
        await repo.Branch.WriteAsync(FileName, TextUuidLog.Format(log), ct);
    }
}
