using System.Text;

namespace Annex.Core.Annex.Views;

/// <summary>Reads back the Haskell Show syntax <see cref="ViewLog.Show"/> writes (derived Read accepts
/// any spacing, so tokens are read with whitespace between them ignored).</summary>
internal sealed class ViewReader
{
    private readonly List<(char Kind, string Text)> _toks = [];
    private int _i;

    private ViewReader(string s)
    {
        for (int i = 0; i < s.Length;)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '"') { _toks.Add(('s', ReadString(s, ref i))); continue; }
            if (char.IsLetter(c))
            {
                int st = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '\'')) i++;
                _toks.Add(('w', s[st..i]));
                continue;
            }
            _toks.Add(('p', c.ToString()));
            i++;
        }
    }

    private static readonly string[] Ascii =
    [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "a", "b", "t", "n", "v", "f", "r", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ];

    /// <summary>A Haskell string literal; its code points are returned as chars (0-255 for a ByteString).</summary>
    private static string ReadString(string s, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] != '\\') { sb.Append(s[i++]); continue; }
            i++;
            if (i >= s.Length) throw new FormatException();
            char c = s[i];
            if (char.IsAsciiDigit(c))
            {
                int st = i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                sb.Append(char.ConvertFromUtf32(int.Parse(s[st..i])));
                continue;
            }
            if (c == '&') { i++; continue; }
            if (c is '\\' or '"' or '\'') { sb.Append(c); i++; continue; }
            if (s.AsSpan(i).StartsWith("DEL")) { sb.Append('\x7f'); i += 3; continue; }
            // longest name first: "SOH" before "SO"
            var rest = s[i..];
            var name = Ascii.Select((n, k) => (n, k)).Where(p => rest.StartsWith(p.n, StringComparison.Ordinal)).OrderByDescending(p => p.n.Length).FirstOrDefault();
            if (name.n == null) throw new FormatException();
            sb.Append((char)name.k);
            i += name.n.Length;
        }
        i++;
        return sb.ToString();
    }

    private static string FromBytes(string latin) => Encoding.UTF8.GetString(latin.Select(c => (byte)c).ToArray());

    public static bool TryRead(string line, out View view)
    {
        view = null!;
        if (line.Trim().Length == 0) return false;
        try
        {
            var r = new ViewReader(line);
            view = r.ReadView();
            return r._i == r._toks.Count;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    private (char Kind, string Text) Next() => _i < _toks.Count ? _toks[_i++] : throw new FormatException();
    private void Expect(string text) { if (Next().Text != text) throw new FormatException(); }
    private string Str() => Next() is ('s', var t) ? t : throw new FormatException();
    private bool Peek(string text) => _i < _toks.Count && _toks[_i].Text == text;

    private void Field(string name) { Expect(name); Expect("="); }

    private View ReadView()
    {
        Expect("View"); Expect("{");
        Field("viewParentBranch"); Expect("Ref");
        var parent = FromBytes(Str());
        Expect(","); Field("viewComponents");
        var comps = new List<ViewComponent>();
        Expect("[");
        while (!Peek("]"))
        {
            if (comps.Count > 0) Expect(",");
            comps.Add(ReadComponent());
        }
        Expect("]"); Expect("}");
        return new View(parent, comps);
    }

    private ViewComponent ReadComponent()
    {
        Expect("ViewComponent"); Expect("{");
        Field("viewField"); Expect("MetaField");
        var field = Str();
        Expect(","); Field("viewFilter");
        var filter = ReadFilter();
        Expect(","); Field("viewVisible");
        var vis = Next().Text switch { "True" => true, "False" => false, _ => throw new FormatException() };
        Expect("}");
        return new ViewComponent(field, filter, vis);
    }

    private ViewFilter ReadFilter()
    {
        var k = Next().Text switch
        {
            "FilterValues" => FilterKind.Values, "FilterGlob" => FilterKind.Glob, "ExcludeValues" => FilterKind.Exclude,
            "FilterValuesOrUnset" => FilterKind.ValuesOrUnset, "FilterGlobOrUnset" => FilterKind.GlobOrUnset,
            _ => throw new FormatException(),
        };
        if (k is FilterKind.Glob or FilterKind.GlobOrUnset)
        {
            var g = Str();
            return ViewFilter.OfGlob(k, g, k == FilterKind.GlobOrUnset ? ReadUnset() : null);
        }
        Expect("("); Expect("fromList"); Expect("[");
        var vals = new List<string>();
        while (!Peek("]"))
        {
            if (vals.Count > 0) Expect(",");
            Expect("MetaValue"); Expect("("); Expect("CurrentlySet"); Next(); Expect(")");
            vals.Add(FromBytes(Str()));
        }
        Expect("]"); Expect(")");
        return ViewFilter.OfValues(k, vals, k == FilterKind.ValuesOrUnset ? ReadUnset() : null);
    }

    private string ReadUnset()
    {
        Expect("("); Expect("ViewUnset");
        var u = Str();
        Expect(")");
        return u;
    }
}
