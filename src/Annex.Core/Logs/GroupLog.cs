namespace Annex.Core.Logs;

/// <summary>
/// group.log, old layout (Logs/Group.hs): the value is a set of group names separated by single
/// spaces, written sorted; extra spaces are tolerated on read. An empty set is written as nothing,
/// giving <c>&lt;uuid&gt;  timestamp=…</c> (what <c>git annex dead</c> leaves).
/// </summary>
public static class GroupLog
{
    public static MapLog<Uuid, IReadOnlySet<string>> Parse(ReadOnlySpan<byte> content) =>
        UuidBasedLog.Parse<IReadOnlySet<string>>(content, TryParseValue);

    public static byte[] Format(MapLog<Uuid, IReadOnlySet<string>> log) => UuidBasedLog.Format(log, FormatValue);

    public static bool TryParseValue(string s, out IReadOnlySet<string> groups)
    {
        groups = Groups(s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return true;
    }

    public static string FormatValue(IReadOnlySet<string> groups) => string.Join(' ', Groups(groups));

    public static IReadOnlySet<string> Groups(IEnumerable<string> names) => new SortedSet<string>(names, LogText.Utf8Order);

    /// <summary>Which UUIDs are in each group (makeGroupMap's bygroup).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<Uuid>> ByGroup(MapLog<Uuid, IReadOnlySet<string>> log)
    {
        var result = new SortedDictionary<string, SortedSet<Uuid>>(LogText.Utf8Order);
        foreach (var (u, e) in log.Entries)
            foreach (var g in e.Value)
            {
                if (!result.TryGetValue(g, out var set)) result[g] = set = new SortedSet<Uuid>(LogText.UuidOrder);
                set.Add(u);
            }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<Uuid>)kv.Value);
    }
}
