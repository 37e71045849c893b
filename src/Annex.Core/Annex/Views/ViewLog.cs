using System.Text;

namespace Annex.Core.Annex.Views;

/// <summary>
/// .git/annex/viewlog (Logs/View.hs): recent views, newest first, one per line in Haskell's derived
/// Show syntax ("View {viewParentBranch = Ref \"refs/heads/master\", viewComponents = [...]}"),
/// and view branch names ("refs/heads/views/master(tag=_;year=2014)").
/// </summary>
public static class ViewLog
{
    public const string BranchPrefix = "refs/heads/views";

    public static string Show(View v) =>
        "View {viewParentBranch = Ref " + ShowBytes(v.ParentBranch) + ", viewComponents = ["
        + string.Join(",", v.Components.Select(Show)) + "]}";

    private static string Show(ViewComponent c) =>
        "ViewComponent {viewField = MetaField " + ShowText(c.Field) + ", viewFilter = " + Show(c.Filter)
        + ", viewVisible = " + (c.Visible ? "True" : "False") + "}";

    private static string Show(ViewFilter f)
    {
        string Set() => "(fromList [" + string.Join(",", f.Values.Select(v => "MetaValue (CurrentlySet True) " + ShowBytes(v))) + "])";
        string Unset() => " (ViewUnset " + ShowText(f.Unset!) + ")";
        return f.Kind switch
        {
            FilterKind.Values => "FilterValues " + Set(),
            FilterKind.Glob => "FilterGlob " + ShowText(f.Glob!),
            FilterKind.Exclude => "ExcludeValues " + Set(),
            FilterKind.ValuesOrUnset => "FilterValuesOrUnset " + Set() + Unset(),
            _ => "FilterGlobOrUnset " + ShowText(f.Glob!) + Unset(),
        };
    }

    private static readonly string[] Ascii =
    [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "a", "b", "t", "n", "v", "f", "r", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ];

    /// <summary>Haskell's show of a String over these code points (a ByteString shows its bytes).</summary>
    private static string ShowCodes(IReadOnlyList<int> cs)
    {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < cs.Count; i++)
        {
            int c = cs[i];
            int next = i + 1 < cs.Count ? cs[i + 1] : -1;
            if (c == '"') sb.Append("\\\"");
            else if (c == '\\') sb.Append("\\\\");
            else if (c >= 32 && c < 127) sb.Append((char)c);
            else if (c < 32)
            {
                sb.Append('\\').Append(Ascii[c]);
                if (c == 14 && next == 'H') sb.Append("\\&");
            }
            else if (c == 127) sb.Append("\\DEL");
            else
            {
                sb.Append('\\').Append(c);
                if (next is >= '0' and <= '9') sb.Append("\\&");
            }
        }
        return sb.Append('"').ToString();
    }

    private static string ShowBytes(string s) => ShowCodes(Encoding.UTF8.GetBytes(s).Select(b => (int)b).ToList());
    private static string ShowText(string s)
    {
        var cps = new List<int>();
        for (int i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1) cps.Add(char.ConvertToUtf32(s, i));
        return ShowCodes(cps);
    }

    /// <summary>readish: a line that does not parse is skipped.</summary>
    public static IReadOnlyList<View> Parse(string content)
    {
        var list = new List<View>();
        foreach (var line in content.Split('\n'))
            if (ViewReader.TryRead(line, out var v)) list.Add(v);
        return list;
    }

    public static string Format(IEnumerable<View> views) => string.Concat(views.Select(v => Show(v) + "\n"));

    /// <summary>setView: the view goes first, at most 100 kept.</summary>
    public static IReadOnlyList<View> Add(IReadOnlyList<View> recent, View v) => [v, .. recent.Where(o => !o.Equals(v)).Take(99)];

    public static string BranchName(View v) =>
        BranchPrefix + "/" + RefBase(v.ParentBranch) + "(" + Desc(v, false) + ")";

    private static string BranchNameOld(View v) => BranchPrefix + "/" + Desc(v, true);

    private const string AdjustedPrefix = "refs/heads/adjusted/";
    private static readonly string[] Adjustments =
        ["unlocked", "locked", "fixed", "unfixed", "hidemissing", "showmissing", "unlockpresent", "lockpresent"];

    /// <summary>adjustedToOriginal (Annex/AdjustedBranch/Name.hs): "refs/heads/adjusted/master(unlocked)"
    /// is master with the "unlocked" adjustment; null for a branch that is not adjusted.</summary>
    public static (string Adjustment, string Original)? AdjustedToOriginal(string b)
    {
        if (!b.StartsWith(AdjustedPrefix, StringComparison.Ordinal)) return null;
        var rest = b[AdjustedPrefix.Length..];
        int open = rest.LastIndexOf('(');
        if (open < 0) return null;
        var adj = rest[(open + 1)..];
        int close = adj.IndexOf(')');
        if (close >= 0) adj = adj[..close];
        var parts = adj.Split('-', 2);
        bool known = Adjustments.Contains(adj)
            || (parts.Length == 2 && parts[0] is "hidemissing" or "showmissing" && parts[1] is "unlocked" or "locked" or "fixed" or "unfixed");
        return known ? (adj, "refs/heads/" + rest[..open]) : null;
    }

    /// <summary>branchView with an adjustment: originalToAdjusted of the view branch.</summary>
    public static string BranchName(View v, string? adjustment) =>
        adjustment == null ? BranchName(v) : AdjustedPrefix + RefBase(BranchName(v)) + "(" + adjustment + ")";

    public static bool IsViewBranch(string b) => b.StartsWith(BranchPrefix + "/", StringComparison.Ordinal);

    public static bool Names(View v, string branch) => BranchName(v) == branch || BranchNameOld(v) == branch;

    public static string RefBase(string r) =>
        r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..]
        : r.StartsWith("refs/remotes/", StringComparison.Ordinal) ? r["refs/remotes/".Length..] : r;

    private static string Desc(View v, bool parenInvisibles) => string.Join(";", v.Components.Select(c =>
    {
        var s = ForceLegal(c.Field) + Vals(c.Filter);
        return c.Visible || !parenInvisibles ? s : "(" + s + ")";
    }));

    private static string Vals(ViewFilter f) => f.Kind switch
    {
        FilterKind.Values or FilterKind.ValuesOrUnset => "=" + string.Join(",", f.Values.Select(ForceLegal)),
        FilterKind.Exclude => "!=" + string.Join(",", f.Values.Select(ForceLegal)),
        _ => "=" + ForceLegal(f.Glob!),
    };

    private static string ForceLegal(string s) =>
        Legal(s) ? s : new string(s.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>Git.Ref.legal True.</summary>
    private static bool Legal(string s)
    {
        var bits = s.Split('/');
        return s.Length > 0
            && !bits.Any(b => b.StartsWith('.') || b.EndsWith(".lock", StringComparison.Ordinal))
            && !s.Contains("..") && !s.Any(c => " ~^:?*[\\".Contains(c) || c < 32 || c == 127)
            && !s.StartsWith('/') && !s.EndsWith('/') && !s.Contains("//") && !s.EndsWith('.') && !s.Contains("@{");
    }
}
