namespace Annex.Core.Logs;

/// <summary>
/// The "new" layout <c>&lt;ts&gt; &lt;field&gt; &lt;value&gt;</c> (Logs/MapLog.hs parseMapLog/buildMapLog,
/// Logs/UUIDBased.hs parseLogNew): proxy.log, cluster.log, maxsize.log, export.log, config.log,
/// group-preferred-content.log, <c>.log.rmt</c>, <c>.log.cid</c>, <c>.log.cnk</c>.
/// The field is the first word; the space after it is required even when the value is empty,
/// so an empty value is written with a trailing space (<c>1795474644s annex.addunlocked </c>).
/// </summary>
public static class FieldLog
{
    public static MapLog<TKey, TValue> Parse<TKey, TValue>(ReadOnlySpan<byte> content, IComparer<TKey> order,
        TryParseValue<TKey> parseField, TryParseValue<TValue> parseValue) where TKey : notnull
    {
        var log = new MapLog<TKey, TValue>(order);
        log.ParseWith(content, line => ParseLine(line, parseField, parseValue));
        return log;
    }

    public static byte[] Format<TKey, TValue>(MapLog<TKey, TValue> log,
        Func<TKey, string> formatField, Func<TValue, string> formatValue) where TKey : notnull =>
        log.EncodeWith((k, e) => $"{e.Changed} {formatField(k)} {formatValue(e.Value)}");

    /// <summary>Logs keyed by repository UUID.</summary>
    public static MapLog<Uuid, T> ParseByUuid<T>(ReadOnlySpan<byte> content, TryParseValue<T> parseValue) =>
        Parse(content, LogText.UuidOrder, (string s, out Uuid u) => Uuid.TryParse(s, out u), parseValue);

    public static byte[] FormatByUuid<T>(MapLog<Uuid, T> log, Func<T, string> formatValue) =>
        Format(log, u => u.Value, formatValue);

    private static (TKey, LogEntry<TValue>)? ParseLine<TKey, TValue>(string line,
        TryParseValue<TKey> parseField, TryParseValue<TValue> parseValue)
    {
        var sp1 = line.IndexOf(' ');
        if (sp1 < 0 || !LogTimestamp.TryParse(line.AsSpan(0, sp1), out var ts)) return null;
        var sp2 = line.IndexOf(' ', sp1 + 1);
        if (sp2 < 0) return null;
        if (!parseField(line[(sp1 + 1)..sp2], out var field)) return null;
        if (!parseValue(line[(sp2 + 1)..], out var value)) return null;
        return (field, new LogEntry<TValue>(ts, value));
    }
}
