namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// Quoting for strings that a remote shell will parse, byte-compatible with git-annex
/// (Utility/ShellEscape.hs): every word is single-quoted, an embedded ' becomes '"'"'.
/// </summary>
public static class ShellQuote
{
    public static string Escape(string s) => "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Splits an option string the way git-annex splits annex.ssh-options: on whitespace only
    /// (Haskell's words). Quotes are not interpreted, so "-i \"/a b\"" gives three words, as the reference.
    /// </summary>
    public static IReadOnlyList<string> SplitWords(string? s) =>
        string.IsNullOrEmpty(s) ? [] : s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
