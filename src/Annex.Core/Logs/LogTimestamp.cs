using System.Globalization;
using System.Text;

namespace Annex.Core.Logs;

/// <summary>
/// The vector clock on every git-annex branch log line: POSIX seconds written as
/// <c>1795469063s</c> (current writers) or <c>1317929189.157237s</c> (older writers, and any
/// GIT_ANNEX_VECTOR_CLOCK with a fraction). Upstream: Types/VectorClock.hs, Annex/VectorClock.hs,
/// Utility/TimeStamp.hs; doc/internals.mdwn.
/// Held as picoseconds, the resolution of Haskell's POSIXTime, so ordering and re-formatting are
/// exact: an unchanged line formats back to the same bytes. <c>default</c> is <see cref="Unknown"/>,
/// the clock of very old lines that have none; it sorts before every known clock.
/// </summary>
public readonly record struct LogTimestamp : IComparable<LogTimestamp>
{
    private const long PicosPerSecond = 1_000_000_000_000;
    private readonly Int128 _picos;

    public bool IsKnown { get; }

    private LogTimestamp(Int128 picos) { _picos = picos; IsKnown = true; }

    public static LogTimestamp Unknown => default;

    public static LogTimestamp FromSeconds(long seconds) => new((Int128)seconds * PicosPerSecond);

    public static LogTimestamp FromPicoseconds(Int128 picoseconds) => new(picoseconds);

    /// <summary>Exact value; 0 for <see cref="Unknown"/>.</summary>
    public Int128 TotalPicoseconds => _picos;

    /// <summary>Current time in whole seconds: upstream truncates (Annex/VectorClock/Utility.hs)
    /// because sub-second precision only bloats the branch; the +1s rule orders same-second writes.</summary>
    public static LogTimestamp Now(TimeProvider clock) => FromSeconds(clock.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>The candidate clock for a command: GIT_ANNEX_VECTOR_CLOCK when it parses (used with
    /// full precision, as upstream does), otherwise <see cref="Now"/>. The caller passes the env value.</summary>
    public static LogTimestamp Candidate(string? vectorClockEnv, TimeProvider clock) =>
        vectorClockEnv is not null && TryParse(vectorClockEnv, out var t) ? t : Now(clock);

    /// <summary>advanceVectorClock: the clock to write given the clocks of the lines the new one
    /// supersedes. If the newest of those is not older than the candidate, write it + 1 second.</summary>
    public static LogTimestamp Advance(LogTimestamp candidate, IEnumerable<LogTimestamp> previous)
    {
        var any = false;
        var newest = Unknown;
        foreach (var p in previous)
        {
            if (!any || p.CompareTo(newest) > 0) newest = p;
            any = true;
        }
        if (!any || newest.CompareTo(candidate) < 0) return candidate;
        return newest.IsKnown ? new LogTimestamp(newest._picos + PicosPerSecond) : candidate;
    }

    /// <summary>parserPOSIXTime: optional sign, digits, optional '.' and at least one digit, optional 's'.
    /// Fraction digits past picoseconds are truncated (Haskell's fromRational to Pico floors).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out LogTimestamp value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) { negative = s[i] == '-'; i++; }
        var start = i;
        Int128 whole = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            whole = whole * 10 + (s[i] - '0');
            if (whole > Int128.MaxValue / PicosPerSecond / 10) return false;
            i++;
        }
        if (i == start) return false;
        Int128 frac = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fstart = i;
            long scale = PicosPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                frac += (s[i] - '0') * scale;
                i++;
            }
            if (i == fstart) return false;
        }
        if (i < s.Length && s[i] == 's') i++;
        if (i != s.Length) return false;
        var total = whole * PicosPerSecond + frac;
        // mkPOSIXTime applies the sign only when the integer part is negative, so "-0.5" reads as 0.5.
        value = new LogTimestamp(negative && whole != 0 ? -total : total);
        return true;
    }

    /// <summary>Haskell's show for NominalDiffTime: whole seconds as "Ns", otherwise the fraction with
    /// trailing zeros removed. Unknown formats as "0" (formatVectorClock), though callers omit it.</summary>
    public override string ToString()
    {
        if (!IsKnown) return "0";
        var sb = new StringBuilder();
        var abs = _picos < 0 ? -_picos : _picos;
        if (_picos < 0) sb.Append('-');
        sb.Append((abs / PicosPerSecond).ToString(CultureInfo.InvariantCulture));
        var frac = (long)(abs % PicosPerSecond);
        if (frac != 0) sb.Append('.').Append(frac.ToString("D12", CultureInfo.InvariantCulture).TrimEnd('0'));
        return sb.Append('s').ToString();
    }

    public int CompareTo(LogTimestamp other) =>
        IsKnown != other.IsKnown ? (IsKnown ? 1 : -1) : _picos.CompareTo(other._picos);

    public static bool operator <(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) < 0;
    public static bool operator >(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) > 0;
    public static bool operator <=(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) >= 0;
}
