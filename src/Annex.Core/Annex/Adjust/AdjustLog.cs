using System.Globalization;

namespace Annex.Core.Annex.Adjust;

/// <summary>
/// .git/annex/adjust.log (Logs/AdjustedBranchUpdate.hs): one line "POSIXTIME 0|1", 1 when the adjusted branch
/// needs updating because content came or went, 0 with the start time of the last finished update.
/// Times are written as Haskell shows a POSIXTime: "1795487494.85540519s".
/// </summary>
public static class AdjustLog
{
    public static string Path(AnnexRepo repo) => System.IO.Path.Combine(repo.Locations.AnnexDir, "adjust.log");

    public static string FormatTime(DateTimeOffset t)
    {
        var ticks = t.ToUnixTimeSeconds();
        var frac = (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % TimeSpan.TicksPerSecond;
        var s = ticks.ToString(CultureInfo.InvariantCulture);
        if (frac != 0) s += "." + frac.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return s + "s";
    }

    public static string Format(bool needed, DateTimeOffset t) => FormatTime(t) + (needed ? " 1" : " 0");

    public static void RecordNeeded(AnnexRepo repo) => Write(repo, Format(true, DateTimeOffset.UtcNow));

    /// <summary>Records a finished update, unless an update was asked for after it started.</summary>
    public static void RecordFinished(AnnexRepo repo, DateTimeOffset start)
    {
        var now = DateTimeOffset.UtcNow;
        var p = Path(repo);
        if (File.Exists(p))
            foreach (var line in File.ReadAllLines(p))
                if (Parse(line) is { } e && e.Time >= start && e.Time <= now) return;
        Write(repo, Format(false, start));
    }

    /// <summary>True when the log says an update is needed, or there is no log.</summary>
    public static bool IsUpdateNeeded(AnnexRepo repo)
    {
        var p = Path(repo);
        if (!File.Exists(p)) return true;
        bool? any = null;
        foreach (var line in File.ReadAllLines(p))
            if (Parse(line) is { } e) any = (any ?? false) || e.Needed;
        return any ?? true;
    }

    public static (bool Needed, DateTimeOffset Time)? Parse(string line)
    {
        int sp = line.IndexOf(' ');
        if (sp < 0) return null;
        var (ts, b) = (line[..sp].TrimEnd('s'), line[(sp + 1)..]);
        if (b is not ("0" or "1")) return null;
        if (!decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var secs)) return null;
        var t = DateTimeOffset.UnixEpoch.AddTicks((long)(secs * TimeSpan.TicksPerSecond));
        return (b == "1", t);
    }

    private static void Write(AnnexRepo repo, string line)
    {
        Directory.CreateDirectory(repo.Locations.AnnexDir);
        var p = Path(repo);
        File.WriteAllText(p + ".tmp", line + "\n");
        File.Move(p + ".tmp", p, overwrite: true);
    }
}
