using System.Text;

namespace Annex.Core.Logs;

/// <summary>
/// <c>.log.cid</c> (Logs/ContentIdentifier/Pure.hs): <c>&lt;ts&gt; &lt;remote uuid&gt; &lt;cid&gt;[:&lt;cid&gt;…]</c>.
/// A content identifier is opaque bytes (the directory remote writes <c>11658547 9 1795474674 352052365</c>);
/// one holding ':', '\r', '\n' or starting with '!' is written as '!' + base64. The list is never
/// empty, since "" is itself a valid identifier. A '!' word that is not base64 is taken literally.
/// </summary>
public static class ContentIdentifierLog
{
    public static MapLog<Uuid, IReadOnlyList<byte[]>> Parse(ReadOnlySpan<byte> content) =>
        FieldLog.ParseByUuid<IReadOnlyList<byte[]>>(content, TryParseValue);

    public static byte[] Format(MapLog<Uuid, IReadOnlyList<byte[]>> log) => FieldLog.FormatByUuid(log, FormatValue);

    public static bool TryParseValue(string s, out IReadOnlyList<byte[]> cids)
    {
        cids = [.. s.Split(':').Select(DecodeOne)];
        return true;
    }

    /// <summary>Values that base64 decodes to non-UTF-8 bytes stay representable: the line itself
    /// is ASCII. Throws on an empty list (a programmer error: the format cannot express it).</summary>
    public static string FormatValue(IReadOnlyList<byte[]> cids)
    {
        if (cids.Count == 0) throw new ArgumentException("content identifier list must not be empty");
        return string.Join(':', cids.Select(EncodeOne));
    }

    private static byte[] DecodeOne(string w)
    {
        if (w.StartsWith('!'))
        {
            var b64 = w[1..];
            var buf = new byte[b64.Length];
            if (Convert.TryFromBase64String(b64, buf, out var n)) return buf[..n];
        }
        return Encoding.UTF8.GetBytes(w);
    }

    private static string EncodeOne(byte[] cid)
    {
        var needs = cid.AsSpan().IndexOfAny((byte)':', (byte)'\r', (byte)'\n') >= 0
            || (cid.Length > 0 && cid[0] == '!') || !IsUtf8(cid);
        return needs ? "!" + Convert.ToBase64String(cid) : Encoding.UTF8.GetString(cid);
    }

    private static bool IsUtf8(byte[] b) => LogText.TryDecode(b, out _, out _);
}
