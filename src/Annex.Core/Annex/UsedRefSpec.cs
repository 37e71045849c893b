using System.Text.RegularExpressions;

namespace Annex.Core.Annex;

/// <summary>
/// The refs `unused` counts as using content (doc/git-annex-unused.mdwn "REFSPEC FORMAT", Types/RefSpec.hs):
/// a colon-separated list applied left to right to an empty set: "+GLOB" adds the matching refs, "+REF"
/// adds that ref, "-GLOB" removes matches, "reflog" adds every reflog entry. The default is "+*".
/// </summary>
public sealed class UsedRefSpec
{
    private abstract record Item;
    private sealed record AddMatching(Regex Glob) : Item;
    private sealed record AddRef(string Ref) : Item;
    private sealed record RemoveMatching(Regex Glob) : Item;
    private sealed record AddRefLog : Item;

    private readonly List<Item> _items;
    private UsedRefSpec(List<Item> items) => _items = items;

    public static UsedRefSpec All { get; } = new([new AddMatching(Compile("*"))]);

    public bool UsesRefLog => _items.Any(i => i is AddRefLog);

    /// <summary>Parses a refspec; null with the reference's message when an item has no + or - prefix.</summary>
    public static UsedRefSpec? Parse(string spec, out string? error)
    {
        error = null;
        var items = new List<Item>();
        foreach (var s in spec.Split(':'))
        {
            if (s.StartsWith('+'))
                items.Add(s.AsSpan(1).IndexOfAny('*', '?') >= 0 ? new AddMatching(Compile(s[1..])) : new AddRef(s[1..]));
            else if (s.StartsWith('-')) items.Add(new RemoveMatching(Compile(s[1..])));
            else if (s == "reflog") items.Add(new AddRefLog());
            else
            {
                error = $"bad refspec item \"{s}\" (expected + or - prefix)";
                return null;
            }
        }
        return new UsedRefSpec(items);
    }

    /// <summary>The refs to check, in the reference's order (each step prepends; the result is reversed).</summary>
    public List<string> Apply(IReadOnlyList<string> refs, IReadOnlyList<string> reflog)
    {
        var c = new List<string>();
        foreach (var item in _items)
        {
            switch (item)
            {
                case AddRef r: c.Insert(0, r.Ref); break;
                case AddMatching m: c.InsertRange(0, refs.Where(x => m.Glob.IsMatch(x))); break;
                case AddRefLog: c.InsertRange(0, reflog); break;
                case RemoveMatching m: c.RemoveAll(x => m.Glob.IsMatch(x)); break;
            }
        }
        c.Reverse();
        return c;
    }

    /// <summary>A glob where * and ? match any characters, '/' included (GlobFilePath False).</summary>
    private static Regex Compile(string glob) =>
        new("^" + string.Concat(glob.Select(ch => ch switch
        {
            '*' => ".*",
            '?' => ".",
            _ => Regex.Escape(ch.ToString()),
        })) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
