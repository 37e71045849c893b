using System.Globalization;

namespace Annex.Core.Utility;

/// <summary>
/// Sizes shown the way git-annex shows them (Utility/DataUnits.hs roughSize, compareSizes): storage
/// units are powers of 1000 ("84.42 gigabytes", "9 B"), committee units powers of 1024 ("32 mebibytes").
/// Two decimals at most, trailing zeros dropped (Utility/HumanNumber.hs showImprecise); the long name is
/// plural unless the number shows as exactly "1".
/// </summary>
public static class SizeDisplay
{
    private static readonly (double Size, string Abbrev, string Name)[] Storage =
    [
        (1e18, "EB", "exabyte"), (1e15, "PB", "petabyte"), (1e12, "TB", "terabyte"), (1e9, "GB", "gigabyte"),
        (1e6, "MB", "megabyte"), (1e3, "kB", "kilobyte"), (1, "B", "byte"),
    ];

    private static readonly (double Size, string Abbrev, string Name)[] Committee =
    [
        (1L << 60, "EiB", "exbibyte"), (1L << 50, "PiB", "pebibyte"), (1L << 40, "TiB", "tebibyte"),
        (1L << 30, "GiB", "gibibyte"), (1L << 20, "MiB", "mebibyte"), (1L << 10, "KiB", "kibibyte"), (1, "B", "byte"),
    ];

    /// <summary>roughSize storageUnits/committeeUnits short bytes.</summary>
    public static string Rough(long bytes, bool abbreviate, bool committee = false, int precision = 2)
    {
        if (bytes < 0) return "-" + Rough(-bytes, abbreviate, committee, precision);
        var units = committee ? Committee : Storage;
        var unit = units[^1];
        foreach (var u in units)
            if (bytes >= u.Size) { unit = u; break; }
        var s = Imprecise(bytes / unit.Size, precision);
        return s + " " + (abbreviate ? unit.Abbrev : s == "1" ? unit.Name : unit.Name + "s");
    }

    /// <summary>compareSizes storageUnits True: "4 B larger", "1 kB smaller", "same".</summary>
    public static string Compare(long expected, long actual) =>
        expected > actual ? Rough(expected - actual, true) + " smaller"
        : expected < actual ? Rough(actual - expected, true) + " larger"
        : "same";

    /// <summary>showImprecise: at most <paramref name="precision"/> decimals, trailing zeros dropped, carrying into the integer.</summary>
    public static string Imprecise(double n, int precision = 2)
    {
        var integer = Math.Truncate(n);
        var scale = (long)Math.Pow(10, precision);
        var remainder = (long)Math.Round((n - integer) * scale, MidpointRounding.ToEven);
        if (remainder == scale) { integer += 1; remainder = 0; }
        if (precision == 0 || remainder == 0)
            return ((long)Math.Round(n, MidpointRounding.ToEven)).ToString(CultureInfo.InvariantCulture);
        var digits = remainder.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
        return ((long)integer).ToString(CultureInfo.InvariantCulture) + "." + digits;
    }

    /// <summary>showPercentage 1 of percentage whole part (Utility/Percentage.hs): "0%", "12.5%".</summary>
    public static string Percentage(long part, long whole) =>
        (whole == 0 ? "0" : Imprecise(100.0 * part / whole, 1)) + "%";
}
