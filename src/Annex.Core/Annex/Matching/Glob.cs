using System.Text;
using System.Text.RegularExpressions;

namespace Annex.Core.Annex.Matching;

/// <summary>
/// git-annex's globs (Utility/Glob.hs): '*' matches any run of characters including '/', '?' one
/// character, [...] a class; matched against the whole path.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;
    public string Pattern { get; }

    public Glob(string pattern, bool ignoreCase = false)
    {
        Pattern = pattern;
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*': sb.Append(".*"); break;
                case '?': sb.Append('.'); break;
                case '[':
                    int end = pattern.IndexOf(']', i + 1);
                    if (end < 0) { sb.Append("\\["); break; }
                    var cls = pattern[(i + 1)..end];
                    if (cls.StartsWith('!')) cls = "^" + cls[1..];
                    sb.Append('[').Append(cls.Replace("\\", "\\\\")).Append(']');
                    i = end;
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        sb.Append('$');
        _regex = new Regex(sb.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0));
    }

    public bool IsMatch(string path) => _regex.IsMatch(path);
}
