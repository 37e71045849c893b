using System.Globalization;

namespace Annex.Core.Logs;

/// <summary>
/// New-layout logs with plain values (formats verified against the reference):
/// config.log <c>&lt;ts&gt; &lt;name&gt; &lt;value&gt;</c> (Logs/Config.hs; an empty value unsets, written
/// with a trailing space), group-preferred-content.log <c>&lt;ts&gt; &lt;group&gt; &lt;expression&gt;</c>
/// (Logs/PreferredContent/Raw.hs), maxsize.log <c>&lt;ts&gt; &lt;uuid&gt; &lt;bytes&gt;</c>
/// (Logs/MaxSize.hs) and <c>.log.rmt</c> <c>&lt;ts&gt; &lt;uuid&gt; &lt;state&gt;</c> (Logs/RemoteState.hs).
/// </summary>
public static class TextFieldLog
{
    /// <summary>config.log and group-preferred-content.log: text field, text value.</summary>
    public static MapLog<string, string> ParseNamed(ReadOnlySpan<byte> content) =>
        FieldLog.Parse<string, string>(content, LogText.Utf8Order, Text, Text);

    public static byte[] FormatNamed(MapLog<string, string> log) => FieldLog.Format(log, k => k, v => v);

    /// <summary>loadGlobalConfig: settings whose newest value is empty are unset.</summary>
    public static IReadOnlyDictionary<string, string> CurrentConfig(MapLog<string, string> log) =>
        log.Current().Where(kv => kv.Value.Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary><c>.log.rmt</c>: per-remote opaque state, may contain spaces.</summary>
    public static MapLog<Uuid, string> ParseRemoteState(ReadOnlySpan<byte> content) =>
        FieldLog.ParseByUuid<string>(content, Text);

    public static byte[] FormatRemoteState(MapLog<Uuid, string> log) => FieldLog.FormatByUuid(log, v => v);

    public static MapLog<Uuid, long> ParseMaxSize(ReadOnlySpan<byte> content) =>
        FieldLog.ParseByUuid<long>(content, (string s, out long n) =>
            long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n));

    public static byte[] FormatMaxSize(MapLog<Uuid, long> log) =>
        FieldLog.FormatByUuid(log, n => n.ToString(CultureInfo.InvariantCulture));

    private static bool Text(string s, out string v)
    {
        v = s;
        return true;
    }
}
