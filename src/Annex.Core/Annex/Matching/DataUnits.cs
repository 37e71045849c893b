namespace Annex.Core.Annex.Matching;

/// <summary>Sizes as git-annex reads them ("100kb", "1.5 MiB", "2gb"): SI and IEC units, case-insensitive, bytes by default.</summary>
public static class DataUnits
{
    private static readonly (string[] Names, double Factor)[] Units =
    [
        (["b", "byte", "bytes"], 1),
        (["kb", "kilobyte", "kilobytes", "k"], 1e3), (["kib", "kibibyte", "kibibytes"], 1024),
        (["mb", "megabyte", "megabytes", "m"], 1e6), (["mib", "mebibyte", "mebibytes"], 1024 * 1024),
        (["gb", "gigabyte", "gigabytes", "g"], 1e9), (["gib", "gibibyte", "gibibytes"], 1024.0 * 1024 * 1024),
        (["tb", "terabyte", "terabytes", "t"], 1e12), (["tib", "tebibyte", "tebibytes"], Math.Pow(1024, 4)),
        (["pb", "petabyte", "petabytes"], 1e15), (["pib", "pebibyte", "pebibytes"], Math.Pow(1024, 5)),
    ];

    public static bool TryParse(string s, out long bytes)
    {
        bytes = 0;
        var t = s.Trim().ToLowerInvariant();
        int i = 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.')) i++;
        if (i == 0 || !double.TryParse(t[..i], System.Globalization.CultureInfo.InvariantCulture, out var n)) return false;
        var unit = t[i..].Trim();
        if (unit.Length == 0) { bytes = (long)n; return true; }
        foreach (var (names, factor) in Units)
            if (names.Contains(unit)) { bytes = (long)(n * factor); return true; }
        return false;
    }
}
