using System.Globalization;
using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Web;

/// <summary>
/// The work-tree file name addurl derives from a URL (Command/AddUrl.hs url2file, Annex/UntrustedFilePath.hs
/// sanitizeFilePath): the host, path and query with every space, punctuation and symbol character except
/// '.' and '-' made '_', a leading '.', '-' or '/' made '_'; --pathdepth keeps path components instead.
/// </summary>
public static class UrlFileName
{
    public const int PathMax = 255;

    public static string FromUrl(Uri url, int? pathDepth)
    {
        var full = (url.IsFile ? "" : url.Host) + url.AbsolutePath + url.Query;
        if (pathDepth is not { } depth) return TruncateSanitize(full);
        var bits = full.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(TruncateSanitize).ToList();
        if (depth >= bits.Count) return string.Join("/", bits);
        if (depth > 0) return string.Join("/", bits.Skip(depth));
        if (depth < 0) return string.Join("/", bits.Skip(Math.Max(0, bits.Count + depth)));
        throw new UserErrorException("bad --pathdepth");
    }

    private static string TruncateSanitize(string s) => Truncate(Sanitize(s), PathMax);

    public static string Sanitize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            if (r.Value is '.' or '-') { sb.Append(r.ToString()); continue; }
            var cat = Rune.GetUnicodeCategory(r);
            bool bad = Rune.IsWhiteSpace(r) || Rune.IsControl(r) || r.Value == '/' || cat is UnicodeCategory.ConnectorPunctuation
                or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
            sb.Append(bad ? "_" : r.ToString());
        }
        if (sb.Length == 0) return "file";
        if (sb[0] is '.' or '-' or '/') sb[0] = '_';
        return sb.ToString();
    }

    /// <summary>truncateFilePath: at most <paramref name="max"/> UTF-8 bytes, never splitting a character.</summary>
    public static string Truncate(string s, int max)
    {
        if (Encoding.UTF8.GetByteCount(s) <= max) return s;
        var sb = new StringBuilder();
        int bytes = 0;
        foreach (var r in s.EnumerateRunes())
        {
            if (bytes + r.Utf8SequenceLength > max) break;
            bytes += r.Utf8SequenceLength;
            sb.Append(r.ToString());
        }
        return sb.ToString();
    }
}
