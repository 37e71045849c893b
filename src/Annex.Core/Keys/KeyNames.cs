using System.Security.Cryptography;
using System.Text;

namespace Annex.Core.Keys;

/// <summary>
/// Key names made from free text (a WORM key's file path, a URL): genKeyName in
/// Backend/Utilities.hs with preSanitizeKeyName from Annex/Locations.hs.
/// </summary>
internal static class KeyNames
{
    // Names longer than a SHA-256 hex digest are truncated and an md5 appended to stay unique.
    private const int Sha256HexLength = 64;
    private const int Md5HexLength = 32;

    public static string Generate(string s)
    {
        var sanitized = Sanitize(s);
        var bytes = Encoding.UTF8.GetBytes(s);
        if (bytes.Length <= Sha256HexLength) return sanitized;
        // The sanitized text is pure ASCII, so truncating by characters is truncating by bytes.
        var keep = Sha256HexLength - Md5HexLength - 1;
        var head = sanitized.Length <= keep ? sanitized : sanitized[..keep];
        return head + "-" + Convert.ToHexStringLower(MD5.HashData(bytes));
    }

    /// <summary>
    /// ASCII letters, digits, ". - _" and the keyFile-escaped "/ % :" pass; ',' doubles; every
    /// other character becomes ',' plus its decimal code point (so ' ' is ",32", 'ï' is ",239").
    /// </summary>
    public static string Sanitize(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var r in s.EnumerateRunes())
        {
            var v = r.Value;
            if (v is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '-' or '_' or '/' or '%' or ':')
                sb.Append((char)v);
            else if (v == ',')
                sb.Append(",,");
            else
                sb.Append(',').Append(v);
        }
        return sb.ToString();
    }
}
