using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// activity.log (Logs/Activity.hs): "UUID Fsck timestamp=…", the last time an activity ran on a
/// repository. Only Fsck is recorded so far.
/// </summary>
public sealed class ActivityLogStore(AnnexRepo repo)
{
    public const string FileName = "activity.log";

    public async Task RecordAsync(Uuid uuid, string activity, CancellationToken ct = default)
    {
        var log = UuidBasedLog.Parse<string>(await repo.Branch.ReadAsync(FileName, ct) ?? [], TryParse);
        log.Set(uuid, activity, LogClock.Candidate());
        await repo.Branch.WriteAsync(FileName, UuidBasedLog.Format(log, v => v), ct);
    }

    private static bool TryParse(string s, out string value)
    {
        value = s;
        return s.Length > 0;
    }
}
