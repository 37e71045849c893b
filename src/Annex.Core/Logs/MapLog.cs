namespace Annex.Core.Logs;

/// <summary>One value with the clock it was set at.</summary>
public sealed record LogEntry<T>(LogTimestamp Changed, T Value);

/// <summary>
/// The newest value per field (upstream Logs/MapLog.hs), the core of both UUID-based layouts
/// and of the other "&lt;ts&gt; &lt;field&gt; &lt;value&gt;" logs. Formatting walks fields in order,
/// as Haskell's Data.Map does, so the comparer must match upstream's Ord (bytewise for text).
/// </summary>
public sealed class MapLog<TKey, TValue> : ParsedLog where TKey : notnull
{
    private readonly SortedDictionary<TKey, LogEntry<TValue>> _map;

    public MapLog(IComparer<TKey> order) => _map = new SortedDictionary<TKey, LogEntry<TValue>>(order);

    public IReadOnlyDictionary<TKey, LogEntry<TValue>> Entries => _map;

    public IComparer<TKey> Order => _map.Comparer;

    /// <summary>simpleMap: the current value of each field.</summary>
    public IReadOnlyDictionary<TKey, TValue> Current()
    {
        var d = new SortedDictionary<TKey, TValue>(_map.Comparer);
        foreach (var (k, e) in _map) d[k] = e.Value;
        return d;
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        var found = _map.TryGetValue(key, out var e);
        value = found ? e!.Value : default!;
        return found;
    }

    /// <summary>addMapLog / best: the existing entry survives only if strictly newer, so on equal
    /// clocks the entry added later (the later line in a file) wins.</summary>
    public void Add(TKey key, LogEntry<TValue> entry)
    {
        if (_map.TryGetValue(key, out var old) && old.Changed > entry.Changed) return;
        _map[key] = entry;
    }

    /// <summary>changeMapLog: sets a field, advancing the candidate clock past that field's
    /// previous clock. Returns the clock used.</summary>
    public LogTimestamp Set(TKey key, TValue value, LogTimestamp candidate)
    {
        var prev = _map.TryGetValue(key, out var old) ? [old.Changed] : Array.Empty<LogTimestamp>();
        var c = LogTimestamp.Advance(candidate, prev);
        _map[key] = new LogEntry<TValue>(c, value);
        return c;
    }

    public bool Remove(TKey key) => _map.Remove(key);

    /// <summary>Union of parsed logs, newest per field (the Semigroup instance upstream).
    /// Unparsed lines of all inputs are kept.</summary>
    public static MapLog<TKey, TValue> Merge(params IEnumerable<MapLog<TKey, TValue>> logs)
    {
        MapLog<TKey, TValue>? result = null;
        foreach (var log in logs)
        {
            result ??= new MapLog<TKey, TValue>(log.Order);
            foreach (var (k, e) in log._map) result.Add(k, e);
            result.CopyUnparsedFrom(log);
        }
        return result ?? throw new ArgumentException("nothing to merge");
    }

    internal void ParseWith(ReadOnlySpan<byte> content, Func<string, (TKey, LogEntry<TValue>)?> parseLine) =>
        ParseLines(content, (_, text) =>
        {
            if (parseLine(text) is not { } r) return false;
            Add(r.Item1, r.Item2);
            return true;
        });

    internal byte[] EncodeWith(Func<TKey, LogEntry<TValue>, string> formatLine) =>
        Encode(_map.Select(kv => formatLine(kv.Key, kv.Value)));
}
