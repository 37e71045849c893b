using System.Globalization;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// What a file looked like when it was last known to hold some content (Utility/InodeCache.hs): inode,
/// size and mtime. The text form is upstream's, since both implementations read the keys database:
/// "INODE SIZE SECONDS FRACTION", the fraction being the nanoseconds as decimal digits with trailing
/// zeros dropped (Haskell's show of a POSIXTime, so a whole second leaves the fraction empty and the
/// text ends in a space); an old low-resolution cache has only "INODE SIZE SECONDS".
/// </summary>
public readonly record struct InodeCache(ulong Inode, long Size, long MtimeSeconds, long? MtimeNanoseconds)
{
    public static InodeCache? Of(string path)
    {
        var st = Posix.TryStat(path, follow: false);
        if (st is not { } s || (s.Mode & 0xF000) != 0x8000) return null; // regular files only
        return FromStat(s);
    }

    public static InodeCache FromStat(Posix.StatInfo s) => new(s.Inode, s.Size, s.MtimeSeconds, s.MtimeNanoseconds);

    public override string ToString()
    {
        var head = Inode.ToString(CultureInfo.InvariantCulture) + " " + Size.ToString(CultureInfo.InvariantCulture) + " "
            + MtimeSeconds.ToString(CultureInfo.InvariantCulture);
        if (MtimeNanoseconds is not { } ns) return head;
        return head + " " + ns.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static InodeCache? Parse(string s)
    {
        var w = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (w.Length < 3 || !ulong.TryParse(w[0], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            || !long.TryParse(w[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !long.TryParse(w[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var secs))
            return null;
        if (w.Length == 3)
            // "INODE SIZE SECONDS " (a whole-second mtime) reads back as 3 words; only a string without the
            // trailing space is a low-resolution cache.
            return new InodeCache(inode, size, secs, s.EndsWith(' ') ? 0 : null);
        var frac = w[3];
        if (frac.Length == 0 || !frac.All(char.IsAsciiDigit)) return null;
        var digits = (frac.Length >= 9 ? frac[..9] : frac.PadRight(9, '0'));
        return new InodeCache(inode, size, secs, long.Parse(digits, CultureInfo.InvariantCulture));
    }

    /// <summary>Upstream's comparison: all of inode, size and mtime; nanoseconds only when both caches have them.</summary>
    public bool Matches(InodeCache other) =>
        Inode == other.Inode && Size == other.Size && MtimeSeconds == other.MtimeSeconds
        && (MtimeNanoseconds is not { } a || other.MtimeNanoseconds is not { } b || a == b);
}
