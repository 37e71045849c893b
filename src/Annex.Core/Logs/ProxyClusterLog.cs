namespace Annex.Core.Logs;

/// <summary>One remote a proxy fronts, with the proxy's own name for it.</summary>
public readonly record struct ProxiedRemote(Uuid Remote, string Name);

/// <summary>
/// proxy.log <c>&lt;ts&gt; &lt;proxy uuid&gt; &lt;uuid&gt;:&lt;name&gt; …</c> (Logs/Proxy.hs) and
/// cluster.log <c>&lt;ts&gt; &lt;cluster uuid&gt; &lt;node uuid&gt; …</c> (Logs/Cluster/Basic.hs).
/// Both values are sets written sorted and space-separated; an empty set leaves a trailing space.
/// Names that are not legal git remote names are kept here; the proxy layer filters them.
/// </summary>
public static class ProxyClusterLog
{
    public static MapLog<Uuid, IReadOnlySet<ProxiedRemote>> ParseProxies(ReadOnlySpan<byte> content) =>
        FieldLog.ParseByUuid<IReadOnlySet<ProxiedRemote>>(content, TryParseProxies);

    public static byte[] FormatProxies(MapLog<Uuid, IReadOnlySet<ProxiedRemote>> log) =>
        FieldLog.FormatByUuid(log, FormatProxies);

    public static MapLog<Uuid, IReadOnlySet<Uuid>> ParseClusters(ReadOnlySpan<byte> content) =>
        FieldLog.ParseByUuid<IReadOnlySet<Uuid>>(content, TryParseNodes);

    public static byte[] FormatClusters(MapLog<Uuid, IReadOnlySet<Uuid>> log) =>
        FieldLog.FormatByUuid(log, FormatNodes);

    public static readonly IComparer<ProxiedRemote> ProxyOrder = Comparer<ProxiedRemote>.Create((a, b) =>
    {
        var c = LogText.CompareUtf8(a.Remote.Value, b.Remote.Value);
        return c != 0 ? c : LogText.CompareUtf8(a.Name, b.Name);
    });

    public static bool TryParseProxies(string s, out IReadOnlySet<ProxiedRemote> proxies)
    {
        var set = new SortedSet<ProxiedRemote>(ProxyOrder);
        proxies = set;
        foreach (var word in SplitWords(s))
        {
            var colon = word?.IndexOf(':') ?? -1;
            if (colon <= 0 || colon == word!.Length - 1 || !Uuid.TryParse(word.AsSpan(0, colon), out var u)) return false;
            set.Add(new ProxiedRemote(u, word[(colon + 1)..]));
        }
        return true;
    }

    public static string FormatProxies(IReadOnlySet<ProxiedRemote> proxies) =>
        string.Join(' ', proxies.Order(ProxyOrder).Select(p => $"{p.Remote.Value}:{p.Name}"));

    public static bool TryParseNodes(string s, out IReadOnlySet<Uuid> nodes)
    {
        var set = new SortedSet<Uuid>(LogText.UuidOrder);
        nodes = set;
        foreach (var word in SplitWords(s))
        {
            if (word is null || !Uuid.TryParse(word, out var u)) return false;
            set.Add(u);
        }
        return true;
    }

    public static string FormatNodes(IReadOnlySet<Uuid> nodes) =>
        string.Join(' ', nodes.Order(LogText.UuidOrder).Select(u => u.Value));

    /// <summary>Words each followed by one space or the end; an empty word (double space) is
    /// yielded as null so the caller rejects the line, as upstream's parser does.</summary>
    private static IEnumerable<string?> SplitWords(string s)
    {
        if (s.Length == 0) yield break;
        foreach (var w in s.Split(' '))
            yield return w.Length == 0 ? null : w;
    }
}
