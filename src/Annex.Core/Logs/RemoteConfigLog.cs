using System.Globalization;
using System.Text;

namespace Annex.Core.Logs;

/// <summary>
/// remote.log, old layout (Logs/Remote/Pure.hs): the value is whitespace-separated
/// <c>key=value</c> words sorted by key; in values, whitespace and '&amp;' are written as
/// <c>&amp;&lt;decimal code point&gt;;</c> (<c>rsyncurl=/a&amp;32;b&amp;38;c&amp;9;d</c>). A later duplicate
/// key wins; a word without '=' is a key with an empty value.
/// </summary>
public static class RemoteConfigLog
{
    public static MapLog<Uuid, IReadOnlyDictionary<string, string>> Parse(ReadOnlySpan<byte> content) =>
        UuidBasedLog.Parse<IReadOnlyDictionary<string, string>>(content, TryParseValue);

    public static byte[] Format(MapLog<Uuid, IReadOnlyDictionary<string, string>> log) =>
        UuidBasedLog.Format(log, FormatValue);

    public static bool TryParseValue(string s, out IReadOnlyDictionary<string, string> config)
    {
        var d = new SortedDictionary<string, string>(LogText.Utf8Order);
        foreach (var word in Words(s))
        {
            var eq = word.IndexOf('=');
            if (eq < 0) d[word] = "";
            else d[word[..eq]] = Unescape(word[(eq + 1)..]);
        }
        config = d;
        return true;
    }

    public static string FormatValue(IReadOnlyDictionary<string, string> config) =>
        string.Join(' ', config.OrderBy(kv => kv.Key, LogText.Utf8Order).Select(kv => $"{kv.Key}={Escape(kv.Value)}"));

    public static string Escape(string value)
    {
        var sb = new StringBuilder();
        foreach (var r in value.EnumerateRunes())
            if (IsHaskellSpace(r) || r.Value == '&') sb.Append('&').Append(r.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
            else sb.Append(r.ToString());
        return sb.ToString();
    }

    /// <summary>configUnEscape: "&amp;NN;" becomes that code point; any other '&amp;' stays literal.</summary>
    public static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var j = i + 1;
            while (j < value.Length && char.IsAsciiDigit(value[j])) j++;
            if (value[i] == '&' && j > i + 1 && j < value.Length && value[j] == ';'
                && int.TryParse(value.AsSpan(i + 1, j - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var cp)
                && Rune.IsValid(cp))
            {
                sb.Append(new Rune(cp).ToString());
                i = j;
            }
            else sb.Append(value[i]);
        }
        return sb.ToString();
    }

    /// <summary>GHC's isSpace: ' ', \t..\r, U+00A0, and above U+0377 the Unicode space separators.
    /// (.NET's char.IsWhiteSpace also counts U+0085 and U+001C..U+001F, which GHC does not.)</summary>
    internal static bool IsHaskellSpace(Rune r) =>
        r.Value == ' ' || (r.Value >= 9 && r.Value <= 13) || r.Value == 0xa0
        || (r.Value > 0x377 && Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator);

    private static IEnumerable<string> Words(string s)
    {
        var sb = new StringBuilder();
        foreach (var r in s.EnumerateRunes())
        {
            if (!IsHaskellSpace(r)) { sb.Append(r.ToString()); continue; }
            if (sb.Length > 0) yield return sb.ToString();
            sb.Clear();
        }
        if (sb.Length > 0) yield return sb.ToString();
    }
}
