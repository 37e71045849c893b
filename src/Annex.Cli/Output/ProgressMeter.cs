using Annex.Core.Utility;

namespace Annex.Cli.Output;

/// <summary>
/// The transfer meter the reference draws on stdout, terminal or not (Messages/Progress.hs metered with
/// Utility/Metered.hs bandwidthMeter): the item's line is ended, then "\r" and
/// "<c>42%   31.98 KiB       131 MiB/s 0s</c>" redrawn at most every 0.2 s (and at the end), padded over the
/// previous drawing, and wiped before the item's ok/failed.
/// </summary>
public sealed class ProgressMeter(Messages output, DateTime started)
{
    private static readonly TimeSpan RateLimit = TimeSpan.FromSeconds(0.2);

    private bool _shown;
    private string _drawn = "";
    private long _lastBytes;
    private DateTime _lastTime = started;
    private DateTime _lastDraw = DateTime.MinValue;

    public void Update(long done, long? total, DateTime now)
    {
        bool final = total is { } t && done >= t;
        if (!final && now - _lastDraw < RateLimit) return;
        if (!_shown)
        {
            output.WriteMeter("\n"); // showOutput: the meter gets a line of its own
            _shown = true;
        }
        var s = Render(total, _lastBytes, _lastTime, done, now);
        if (s.Length < _drawn.Length) s += new string(' ', _drawn.Length - s.Length);
        _lastBytes = done;
        _lastTime = now;
        _lastDraw = now;
        if (s == _drawn) return;
        _drawn = s;
        output.WriteMeter("\r" + s);
    }

    /// <summary>What wipes the meter, or null when none was drawn.</summary>
    public string? Clear()
    {
        if (!_shown) return null;
        var s = "\r" + new string(' ', _drawn.Length) + "\r";
        _shown = false;
        _drawn = "";
        return s;
    }

    /// <summary>bandwidthMeter: percentage and amount, padding to 29 columns, rate, and the time left.</summary>
    public static string Render(long? total, long oldBytes, DateTime before, long newBytes, DateTime now)
    {
        var amount = SizeDisplay.Rough(newBytes, abbreviate: true, committee: true);
        string percentAmount;
        if (total is { } t)
        {
            var p = (t == 0 ? "0" : SizeDisplay.Imprecise(100.0 * Math.Min(newBytes, t) / t, 0)) + "%";
            percentAmount = p + new string(' ', Math.Max(0, 6 - p.Length)) + amount;
        }
        else percentAmount = amount;
        long transferred = Math.Max(0, newBytes - oldBytes);
        double seconds = Math.Max(0, (now - before).TotalSeconds);
        long perSecond = seconds == 0 ? transferred : (long)Math.Floor(transferred / seconds);
        var rate = SizeDisplay.Rough(perSecond, abbreviate: true, committee: true, precision: 0) + "/s";
        var words = new List<string> { percentAmount, new string(' ', Math.Max(0, 29 - percentAmount.Length - rate.Length)), rate };
        if (total is { } tt && perSecond > 0) words.Add(Duration((tt - newBytes) / perSecond));
        return string.Join(' ', words);
    }

    /// <summary>fromDuration: the two largest non-zero units from the first one present ("16m40s", "1h", "0s").</summary>
    public static string Duration(long seconds)
    {
        if (seconds <= 0) return "0s";
        (char Unit, long Size)[] units = [('y', 365 * 86400L), ('d', 86400), ('h', 3600), ('m', 60), ('s', 1)];
        var parts = new List<string>();
        long v = seconds;
        foreach (var (unit, size) in units)
        {
            long q = v / size;
            v %= size;
            if (q > 0) parts.Add(q + unit.ToString());
            else if (parts.Count > 0) break;
            if (parts.Count == 2) break;
        }
        return string.Concat(parts);
    }
}
