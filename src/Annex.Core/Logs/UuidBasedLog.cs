namespace Annex.Core.Logs;

/// <summary>Parses one logged value; false rejects the whole line.</summary>
public delegate bool TryParseValue<T>(string text, out T value);

/// <summary>
/// The "old" UUID-based layout, <c>&lt;uuid&gt; &lt;value…&gt; timestamp=&lt;ts&gt;</c>
/// (Logs/UUIDBased.hs parseLogOld/buildLogOld): uuid.log, trust.log, group.log,
/// preferred-content.log, required-content.log, remote.log, schedule.log, activity.log,
/// difference.log, multicast.log. Lines without <c>timestamp=</c> are from the oldest writers and
/// get the Unknown clock; they are written back without one. An empty value is written as
/// <c>&lt;uuid&gt;  timestamp=…</c> (two spaces), as the reference does.
/// </summary>
public static class UuidBasedLog
{
    private const string Stamp = " timestamp=";

    public static MapLog<Uuid, T> Parse<T>(ReadOnlySpan<byte> content, TryParseValue<T> parseValue)
    {
        var log = new MapLog<Uuid, T>(LogText.UuidOrder);
        log.ParseWith(content, line => ParseLine(line, parseValue));
        return log;
    }

    public static byte[] Format<T>(MapLog<Uuid, T> log, Func<T, string> formatValue) =>
        log.EncodeWith((u, e) => e.Changed.IsKnown
            ? $"{u.Value} {formatValue(e.Value)}{Stamp}{e.Changed}"
            : $"{u.Value} {formatValue(e.Value)}");

    internal static (Uuid, LogEntry<T>)? ParseLine<T>(string line, TryParseValue<T> parseValue)
    {
        var sp = line.IndexOf(' ');
        var word = sp < 0 ? line : line[..sp];
        if (!Uuid.TryParse(word, out var uuid)) return null;
        var rest = sp < 0 ? "" : line[sp..];   // keeps its leading space
        var ts = LogTimestamp.Unknown;
        // The value is everything after the uuid's space, unless the line ends in
        // " timestamp=<clock>" (upstream tries that suffix at each word boundary).
        var last = rest.LastIndexOf(' ');
        if (last >= 0 && rest.AsSpan(last).StartsWith(Stamp)
            && LogTimestamp.TryParse(rest.AsSpan(last + Stamp.Length), out var t))
        {
            ts = t;
            rest = rest[..last];
        }
        var value = rest.Length > 0 ? rest[1..] : "";
        return parseValue(value, out var v) ? (uuid, new LogEntry<T>(ts, v)) : null;
    }
}
