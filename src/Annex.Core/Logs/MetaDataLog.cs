using System.Text;

namespace Annex.Core.Logs;

/// <summary>
/// <c>.log.met</c> and <c>.log.rmet</c> (Logs/MetaData/Pure.hs, Types/MetaData.hs): single-value
/// lines <c>&lt;ts&gt; &lt;field&gt; +v -v &lt;field&gt; …</c>, fields case-insensitively sorted, values
/// bytewise sorted. A value holding ' ', '\r', '\n' or starting with '!' is written '!' + base64
/// (<c>author +!Sm8gRG9l</c>); we also base64 values that are not UTF-8, which upstream reads back
/// the same. Every line counts: the current metadata is the union of all lines, oldest first.
/// </summary>
public static class MetaDataLog
{
    public static SingleValueLog<MetaData> Parse(ReadOnlySpan<byte> content) =>
        SingleValueLog<MetaData>.Parse(content, Comparer<MetaData>.Default, TryParseValue);

    public static byte[] Format(SingleValueLog<MetaData> log) => log.Format(FormatValue);

    /// <summary>logToCurrentMetaData.</summary>
    public static MetaData Current(SingleValueLog<MetaData> log) =>
        log.Entries.Aggregate(MetaData.Empty, (acc, e) => acc.Union(e.Value)).Current();

    /// <summary>addMetaData: records a change (values to set and unset) and simplifies the log.
    /// An empty change leaves the log as it is.</summary>
    public static SingleValueLog<MetaData> Add(SingleValueLog<MetaData> log, MetaData change, LogTimestamp candidate)
    {
        if (change.IsEmpty) return log;
        var next = SingleValueLog<MetaData>.Merge(log);
        next.Add(new LogEntry<MetaData>(LogTimestamp.Advance(candidate, log.Entries.Select(e => e.Changed)), change));
        return Simplify(next);
    }

    /// <summary>simplifyLog: drops from older lines whatever newer lines override; used only when
    /// that removes whole lines, as upstream does.</summary>
    public static SingleValueLog<MetaData> Simplify(SingleValueLog<MetaData> log)
    {
        var desc = log.Entries.Reverse().ToList();
        if (desc.Count == 0) return log;
        var kept = new List<LogEntry<MetaData>> { desc[0] };
        var newer = desc[0].Value;
        foreach (var l in desc.Skip(1))
        {
            var unique = l.Value.Difference(newer);
            if (unique.IsEmpty) continue;
            kept.Add(l with { Value = unique });
            newer = unique.Union(newer);
        }
        if (kept.Count >= desc.Count) return log;
        var result = new SingleValueLog<MetaData>(log.ValueOrder);
        foreach (var e in kept) result.Add(e);
        return SingleValueLog<MetaData>.Merge(result, WithoutEntries(log));
    }

    public static string FormatValue(MetaData m) =>
        string.Join(' ', m.Fields.SelectMany(kv => kv.Value.Select(FormatOne).Prepend(kv.Key)));

    /// <summary>deserialize: words split on single spaces; a word is a value when it parses as one
    /// (+/- then text or '!'base64), otherwise it starts the next field.</summary>
    public static bool TryParseValue(string s, out MetaData m)
    {
        var values = new List<(string, MetaValue)>();
        string? field = null;
        foreach (var w in s.Split(' '))
        {
            if (field is not null && TryParseOne(w, out var v)) values.Add((field, v));
            else field = w;
        }
        m = new MetaData(values);
        return true;
    }

    private static bool TryParseOne(string w, out MetaValue v)
    {
        v = default;
        if (w.Length == 0 || (w[0] != '+' && w[0] != '-')) return false;
        var isSet = w[0] == '+';
        if (w.Length > 1 && w[1] == '!')
        {
            var b64 = w[2..];
            var buf = new byte[b64.Length];
            if (!Convert.TryFromBase64String(b64, buf, out var n)) return false;
            v = new MetaValue(isSet, buf[..n]);
        }
        else v = new MetaValue(isSet, Encoding.UTF8.GetBytes(w[1..]));
        return true;
    }

    private static string FormatOne(MetaValue v)
    {
        var b = v.Bytes;
        var raw = b.AsSpan().IndexOfAny((byte)' ', (byte)'\r', (byte)'\n') < 0 && (b.Length == 0 || b[0] != '!')
            && LogText.TryDecode(b, out var text, out _);
        return (v.IsSet ? "+" : "-") + (raw ? Encoding.UTF8.GetString(b) : "!" + Convert.ToBase64String(b));
    }

    private static SingleValueLog<MetaData> WithoutEntries(SingleValueLog<MetaData> log)
    {
        var empty = SingleValueLog<MetaData>.Merge(log);
        foreach (var e in log.Entries.ToList()) empty.Remove(e);
        return empty;
    }
}
