using System.Text;
using Annex.Core.Keys;

namespace Annex.Core.Logs;

/// <summary>One numbered entry of an unused log: the number the user names, the key, when it was first found unused.</summary>
public sealed record UnusedEntry(int Number, Key Key, LogTimestamp? FirstSeen);

/// <summary>
/// The local unused logs .git/annex/unused, badunused and tmpunused (Logs/Unused.hs): lines
/// "NUMBER KEY TIMESTAMP", the timestamp (when the key was first found unused) being optional in old
/// logs. Not part of the git-annex branch; written by `unused`, read by dropunused and addunused.
/// </summary>
public static class UnusedLog
{
    /// <summary>Entries that parse; malformed lines are skipped, as the reference skips them.</summary>
    public static IReadOnlyList<UnusedEntry> Parse(ReadOnlySpan<byte> content)
    {
        var list = new List<UnusedEntry>();
        foreach (var raw in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            int sp = line.IndexOf(' ');
            if (sp <= 0 || !int.TryParse(line.AsSpan(0, sp), System.Globalization.NumberStyles.None, null, out var n)) continue;
            var rest = line[(sp + 1)..];
            int last = rest.LastIndexOf(' ');
            if (last > 0 && LogTimestamp.TryParse(rest.AsSpan(last + 1), out var ts) && Key.TryParse(rest.AsSpan(0, last), out var k1))
                list.Add(new UnusedEntry(n, k1, ts));
            else if (Key.TryParse(rest, out var k2))
                list.Add(new UnusedEntry(n, k2, null));
        }
        return list;
    }

    /// <summary>Lines in key order, as the reference writes its Map: by key name first (Types/Key.hs KeyData's Ord), then backend and size.</summary>
    public static byte[] Format(IEnumerable<UnusedEntry> entries)
    {
        var sb = new StringBuilder();
        foreach (var e in entries.Order(Comparer<UnusedEntry>.Create((a, b) => KeyOrder(a.Key, b.Key))))
        {
            sb.Append(e.Number).Append(' ').Append(e.Key);
            if (e.FirstSeen is { } t) sb.Append(' ').Append(t);
            sb.Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The reference's Ord on keys (Types/Key.hs KeyData): name first, then backend, size and mtime.</summary>
    public static int KeyOrder(Key a, Key b)
    {
        int c = string.CompareOrdinal(a.Name, b.Name);
        if (c == 0) c = string.CompareOrdinal(a.Backend, b.Backend);
        if (c == 0) c = Nullable.Compare(a.Size, b.Size);
        if (c == 0) c = Nullable.Compare(a.Mtime, b.Mtime);
        if (c == 0) c = Nullable.Compare(a.ChunkSize, b.ChunkSize);
        if (c == 0) c = Nullable.Compare(a.ChunkNumber, b.ChunkNumber);
        return c;
    }

    /// <summary>
    /// The new log for a fresh numbering: only the keys found now, each keeping the time it was first
    /// found unused when the old log had it.
    /// </summary>
    public static IReadOnlyList<UnusedEntry> Update(IReadOnlyList<UnusedEntry> old, IReadOnlyList<Key> found, LogTimestamp now)
    {
        var previous = new Dictionary<Key, LogTimestamp?>();
        foreach (var e in old) previous[e.Key] = e.FirstSeen;
        var list = new List<UnusedEntry>(found.Count);
        for (int i = 0; i < found.Count; i++)
            list.Add(new UnusedEntry(i + 1, found[i], previous.TryGetValue(found[i], out var t) ? t : now));
        return list;
    }

    /// <summary>
    /// The numbers one command-line argument names: "N", "N-M" or "all" (every number from the smallest to
    /// the largest known). Null when the argument is none of these.
    /// </summary>
    public static IReadOnlyList<int>? ParseSpec(string spec, IReadOnlyCollection<int> known)
    {
        if (spec == "all")
            return known.Count == 0 ? [] : Range(known.Min(), known.Max());
        int dash = spec.IndexOf('-');
        if (dash >= 0)
        {
            if (TryNumber(spec[..dash], out var a) && TryNumber(spec[(dash + 1)..], out var b)) return Range(a, b);
            return null;
        }
        return TryNumber(spec, out var n) ? [n] : null;
    }

    private static bool TryNumber(string s, out int n) =>
        int.TryParse(s.Trim(), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowLeadingWhite | System.Globalization.NumberStyles.AllowTrailingWhite, null, out n);

    private static List<int> Range(int from, int to)
    {
        var l = new List<int>();
        for (int i = from; i <= to; i++) l.Add(i);
        return l;
    }
}
