using System.Text;
using Annex.Core.Logs;

namespace Annex.Core.Annex.Views;

/// <summary>
/// File names in views (Annex/View/ViewedFile.hs): "dir/sub/file.tar.gz" becomes "file_%dir%sub%.tar.gz",
/// with '\' doubled and '%' escaped as "\%" so the directories can be read back.
/// </summary>
public static class ViewedFile
{
    private const char Esc = '\\';
    private const int MaxExtensions = 2;

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%");

    /// <summary>viewedFileFromReference': <paramref name="maxExtLen"/> is annex.maxextensionlength,
    /// <paramref name="maxExtensions"/> annex.maxextensions.</summary>
    public static string FromReference(string path, int? maxExtLen = null, int? maxExtensions = null)
    {
        int slash = path.LastIndexOf('/');
        var basefile = path[(slash + 1)..];
        var dirs = slash < 0 ? [] : path[..slash].Split('/', StringSplitOptions.RemoveEmptyEntries).Where(d => d != ".").ToList();
        var (b, exts) = SplitShortExtensions(basefile, maxExtLen is { } n ? n + 1 : 5);
        int maxE = maxExtensions ?? MaxExtensions;
        if (exts.Count > maxE)
        {
            var more = exts.Take(exts.Count - maxE);
            b += string.Concat(more);
            exts = exts.Skip(exts.Count - maxE).ToList();
        }
        var sb = new StringBuilder(Escape(b));
        if (dirs.Count > 0) sb.Append("_%").Append(string.Join("%", dirs.Select(Escape))).Append('%');
        sb.Append(Escape(string.Concat(exts)));
        return sb.ToString();
    }

    /// <summary>splitShortExtensions': peels extensions (dot included) no longer than <paramref name="max"/> bytes.</summary>
    internal static (string Base, List<string> Exts) SplitShortExtensions(string f, int max)
    {
        var exts = new List<string>();
        while (true)
        {
            int dot = f.LastIndexOf('.');
            if (dot <= 0) return (f, exts); // no extension, or nothing before it
            var ext = f[dot..];
            if (Encoding.UTF8.GetByteCount(ext) > max) return (f, exts);
            exts.Insert(0, ext);
            f = f[..dot];
        }
    }

    /// <summary>dirFromViewedFile: the directory the file has in the parent branch ("" at the top).</summary>
    public static string DirFromViewedFile(string viewedFile)
    {
        var parts = new List<string>();
        var cur = new StringBuilder();
        for (int i = 0; i < viewedFile.Length; i++)
        {
            char c = viewedFile[i];
            if (c == '%') { parts.Add(cur.ToString()); cur.Clear(); }
            else if (c == Esc) { if (i + 1 < viewedFile.Length) cur.Append(viewedFile[++i]); }
            else cur.Append(c);
        }
        return string.Join("/", parts.Skip(1).Where(p => p.Length > 0));
    }

    private const string PseudoSlash = "\u2215", PseudoBackslash = "\u2572", PseudoColon = "\uFE55";

    /// <summary>toViewPath: a metadata value as a directory name; '/', '\' and ':' become look-alikes
    /// and '%' is doubled. Upstream compares the look-alikes as three filesystem-encoded bytes with the
    /// decoded value, which never matches, so look-alikes already in a value are left alone (as checked
    /// against the reference binary), and reading back only undoes the '%' escapes.</summary>
    public static string ToViewPath(string v)
    {
        var sb = new StringBuilder();
        foreach (var c in v)
        {
            switch (c)
            {
                case '/': sb.Append(PseudoSlash); break;
                case '\\': sb.Append(PseudoBackslash); break;
                case ':': sb.Append(PseudoColon); break;
                case '%': sb.Append("%%"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    public static string FromViewPath(string p)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '%' && i + 1 < p.Length) sb.Append(p[++i]);
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>getDirMetaData: "foo/bar/baz" gives /=foo, foo/=bar, foo/bar/=baz.</summary>
    public static MetaData DirMetaData(string dir)
    {
        var dirs = dir.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var vals = new List<(string, MetaValue)>();
        // As upstream, inits/tails pair one more field than there are directories: it has the value "".
        for (int i = 0; i <= dirs.Length; i++)
            vals.Add((i == 0 ? "/" : string.Concat(dirs.Take(i).Select(d => d + "/")), MetaValue.Set(i < dirs.Length ? dirs[i] : "")));
        return new MetaData(vals);
    }

    public static string DirOf(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
