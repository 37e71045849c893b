using System.Globalization;

namespace Annex.Core.Keys;

/// <summary>
/// Rough sizes in abbreviated storage (powers of 1000) units, as git-annex shows them in
/// ${humansize} and info: "20 B", "1.05 kB", "12.35 GB" (roughSize storageUnits True in
/// Utility/DataUnits.hs with showImprecise 2 from Utility/HumanNumber.hs). Double arithmetic
/// and round-half-to-even match Haskell's, so borderline values print the same.
/// </summary>
public static class HumanSize
{
    private static readonly (long Size, string Abbrev)[] StorageUnits =
    [
        // ZB and above exceed long.MaxValue, so they can never be chosen for a long.
        (1_000_000_000_000_000_000, "EB"), (1_000_000_000_000_000, "PB"), (1_000_000_000_000, "TB"),
        (1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB"), (1, "B"),
    ];

    public static string Rough(long bytes)
    {
        if (bytes < 0) return "-" + Rough(-bytes);
        foreach (var (size, abbrev) in StorageUnits)
            if (bytes >= size) return Imprecise((double)bytes / size) + " " + abbrev;
        return "0 B";
    }

    // showImprecise 2: two decimals at most, trailing zeros dropped, carrying into the integer.
    private static string Imprecise(double n)
    {
        var integer = Math.Truncate(n);
        var remainder = (long)Math.Round((n - integer) * 100, MidpointRounding.ToEven);
        if (remainder == 100) { integer += 1; remainder = 0; }
        var whole = ((long)integer).ToString(CultureInfo.InvariantCulture);
        if (remainder == 0) return whole;
        return whole + "." + remainder.ToString("00", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
