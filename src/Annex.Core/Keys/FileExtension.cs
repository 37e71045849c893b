using System.Text;

namespace Annex.Core.Keys;

/// <summary>
/// The extension an E-variant backend appends to a key name (selectExtension in
/// Backend/Utilities.hs; annex.maxextensions and annex.maxextensionlength in doc/git-annex.mdwn).
/// </summary>
public static class FileExtension
{
    public const int DefaultMaxLength = 4;      // long enough for "jpeg"
    public const int DefaultMaxExtensions = 2;  // both parts of "tar.gz"

    /// <summary>
    /// Returns e.g. ".tar.gz", or "". Works on the file name's parts after its first '.' (leading
    /// dots ignored, so ".bashrc" has none), scanning from the end: stop at the first part longer
    /// than <paramref name="maxLength"/> UTF-8 bytes, skip parts with ASCII other than letters and
    /// digits (non-ASCII is allowed), keep at most <paramref name="maxExtensions"/> parts. Empty
    /// parts (from "a..b") count toward the limit but are dropped, exactly as upstream does.
    /// </summary>
    public static string Select(string path, int maxLength = DefaultMaxLength, int maxExtensions = DefaultMaxExtensions)
    {
        var name = Path.GetFileName(path.AsSpan()).TrimStart('.');
        var firstDot = name.IndexOf('.');
        if (firstDot < 0) return "";
        var parts = name[(firstDot + 1)..].ToString().Split('.');

        var kept = new List<string>();
        var taken = 0;
        for (var i = parts.Length - 1; i >= 0 && taken < maxExtensions; i--)
        {
            var part = parts[i];
            if (Encoding.UTF8.GetByteCount(part) > maxLength) break;
            if (!IsValidPart(part)) continue;
            taken++;
            if (part.Length > 0) kept.Add(part);
        }
        if (kept.Count == 0) return "";
        kept.Reverse();
        return "." + string.Join('.', kept);
    }

    private static bool IsValidPart(string part)
    {
        foreach (var c in part)
            if (c < 128 && !char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }
}
