namespace Annex.Cli.Shell;

/// <summary>
/// git-annex-shell's command line (doc/git-annex-shell.mdwn, CmdLine/GitAnnexShell.hs):
/// <c>[-c] COMMAND DIRECTORY [PARAMS] [--uuid U] [-- field=value … --] [rsync options]</c>. Pure functions only.
/// </summary>
public static class ShellArgs
{
    /// <summary>The fields git-annex-shell honours; others are ignored, as are values that fail the check.</summary>
    public const string RemoteUuidField = "remoteuuid", AutoInitField = "autoinit";

    /// <summary>
    /// Splits the single string a login shell is given, as the reference does: on single spaces, with '…' and "…"
    /// quoting (no backslash escapes); two spaces in a row make an empty word.
    /// </summary>
    public static List<string> UnEscape(string s)
    {
        var words = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            var w = new System.Text.StringBuilder();
            while (i < s.Length)
            {
                char c = s[i++];
                if (c == ' ') break;
                if (c is '\'' or '"')
                {
                    int close = s.IndexOf(c, i);
                    if (close < 0) { w.Append(s, i, s.Length - i); i = s.Length; break; }
                    w.Append(s, i, close - i);
                    i = close + 1;
                }
                else w.Append(c);
            }
            words.Add(w.ToString());
        }
        return words;
    }

    /// <summary>
    /// Splits parameters at "--" markers: before the first are the command's parameters, between the first and
    /// the second are fields, after the second (rejoined with "--") are rsync options.
    /// </summary>
    public static (List<string> Params, List<string> Fields, List<string> RsyncOptions) Partition(IReadOnlyList<string> ps)
    {
        var segments = new List<List<string>> { new() };
        foreach (var p in ps)
        {
            if (p == "--") segments.Add([]);
            else segments[^1].Add(p);
        }
        if (segments.Count == 1) return (segments[0], [], []);
        var rest = new List<string>();
        for (int i = 2; i < segments.Count; i++)
        {
            if (i > 2) rest.Add("--");
            rest.AddRange(segments[i]);
        }
        return (segments[0], segments[1], rest);
    }

    /// <summary>The honoured fields with sane values (remoteuuid: letters, digits and '-'; autoinit: "1").</summary>
    public static Dictionary<string, string> ParseFields(IEnumerable<string> fieldParams)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in fieldParams)
        {
            int eq = f.IndexOf('=');
            var (name, value) = eq < 0 ? (f, "") : (f[..eq], f[(eq + 1)..]);
            bool ok = name switch
            {
                RemoteUuidField => value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'),
                AutoInitField => value == "1",
                _ => false,
            };
            if (ok) fields[name] = value;
        }
        return fields;
    }
}
