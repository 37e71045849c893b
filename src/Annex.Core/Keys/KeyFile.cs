using System.Text;

namespace Annex.Core.Keys;

/// <summary>
/// A key as a single file-name component (keyFile / fileKey in Annex/Locations.hs), used for
/// object directories, transfer files and temp files: '&amp;'→"&amp;a", '%'→"&amp;s", ':'→"&amp;c",
/// then '/'→'%'. Changing this would lose existing objects, so it follows upstream exactly.
/// </summary>
public static class KeyFile
{
    public static string Escape(Key key)
    {
        var s = key.ToString();
        if (s.AsSpan().IndexOfAny("&%:/") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&a"); break;
                case '%': sb.Append("&s"); break;
                case ':': sb.Append("&c"); break;
                case '/': sb.Append('%'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reverses <see cref="Escape"/>. Like upstream, an unknown escape "&amp;x" decodes to "x" and a
    /// trailing '&amp;' vanishes, so names another implementation wrote still map to their key.
    /// A name that could not have been a single path component ('/', NUL, "." or "..") is refused.
    /// </summary>
    public static bool TryParse(string fileName, out Key key)
    {
        key = null!;
        if (string.IsNullOrEmpty(fileName) || fileName is "." or ".." || fileName.AsSpan().IndexOfAny('/', '\0') >= 0)
            return false;
        if (fileName.AsSpan().IndexOfAny('&', '%') < 0) return Key.TryParse(fileName, out key);

        var sb = new StringBuilder(fileName.Length);
        for (var i = 0; i < fileName.Length; i++)
        {
            var c = fileName[i];
            if (c == '%') { sb.Append('/'); continue; }
            if (c != '&') { sb.Append(c); continue; }
            if (++i >= fileName.Length) break;
            sb.Append(fileName[i] switch { 'a' => '&', 's' => '%', 'c' => ':', var other => other });
        }
        return Key.TryParse(sb.ToString(), out key);
    }
}
