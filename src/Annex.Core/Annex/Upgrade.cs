using System.Globalization;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Repository upgrades to version 10 (Upgrade.hs, Upgrade/V8.hs, Upgrade/V9.hs): v8 to v9 configures the
/// long-running filter process; v9 to v10 changes how content is locked, so it waits a year after the v9
/// upgrade (recorded in .git/annex/upgrade.log, "VERSION TIMESTAMP" lines) for processes from before it
/// to be gone, unless forced, and runs holding the lock on .git/annex/sentinal that such processes take.
/// Versions before 8 (direct mode and older layouts) are not handled.
/// </summary>
public static class Upgrade
{
    public const string DeferredWarning =
        "Not upgrading from v9 to v10, because there may be git-annex\n"
        + "processes running that predate the v9 upgrade. Upgrading with\n"
        + "such processes running could lead to data loss. This upgrade\n"
        + "will be deferred until one year after the v9 upgrade to make\n"
        + "sure there are no such old processes running.\n"
        + "(Use --force to upgrade immediately.)";

    private static string LogPath(Locations loc) => Path.Combine(loc.AnnexDir, "upgrade.log");

    /// <summary>The v9 to v10 upgrade waits a year after the v9 upgrade (when there was one), unless forced.</summary>
    public static bool ShouldDefer(AnnexRepo repo, int from, bool force) =>
        from == 9 && !force && UpgradedAt(repo.Locations, 9) is { } t
        && DateTimeOffset.UtcNow < DateTimeOffset.FromUnixTimeMilliseconds((long)(t * 1000)).AddDays(365);

    /// <summary>Upgrades one version step from <paramref name="from"/>; the caller loops until version 10.</summary>
    public static async Task StepAsync(AnnexRepo repo, int from, CancellationToken ct)
    {
        switch (from)
        {
            case 8:
                await repo.Config.SetAsync(repo.Git, "filter.annex.process", "git-annex filter-process", ct);
                break;
            case 9:
                using (PosixLock.Take(Path.Combine(repo.Locations.AnnexDir, "sentinal"), exclusive: true, wait: true))
                    await repo.Config.SetAsync(repo.Git, "annex.version", "10", ct);
                break;
            default:
                throw new UserErrorException($"upgrading a version {from} repository is not implemented in this version of git-annex");
        }
        await repo.Config.SetAsync(repo.Git, "annex.version", (from + 1).ToString(CultureInfo.InvariantCulture), ct);
        RecordUpgrade(repo.Locations, from + 1);
    }

    /// <summary>When the repository was upgraded to <paramref name="version"/> (POSIX seconds), if it was.</summary>
    public static double? UpgradedAt(Locations loc, int version)
    {
        var path = LogPath(loc);
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadAllLines(path))
        {
            int sp = line.IndexOf(' ');
            if (sp > 0 && int.TryParse(line[..sp], out var v) && v == version && LogTimestamp.TryParse(line.AsSpan(sp + 1), out var ts))
                return (double)ts.TotalPicoseconds / 1e12;
        }
        return null;
    }

    private static void RecordUpgrade(Locations loc, int version)
    {
        using var lk = PosixLock.Take(Path.Combine(loc.AnnexDir, "upgrade.lck"), exclusive: true, wait: true);
        var now = LogTimestamp.FromPicoseconds((Int128)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100_000);
        File.AppendAllText(LogPath(loc), $"{version} {now}\n");
    }
}
