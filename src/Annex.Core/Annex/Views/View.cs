using Annex.Core.Annex.Matching;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Views;

/// <summary>
/// A metadata view: filters on fields applied to the files of a parent branch (Types/View.hs,
/// doc/git-annex-view.mdwn). Values are kept as sorted sets of their text, as upstream's Set MetaValue.
/// </summary>
public sealed record View(string ParentBranch, IReadOnlyList<ViewComponent> Components)
{
    public int VisibleSize => Components.Count(c => c.Visible);
    public bool TooLarge => VisibleSize > 5;

    public bool Equals(View? o) => o != null && ParentBranch == o.ParentBranch && Components.SequenceEqual(o.Components);
    public override int GetHashCode() => ParentBranch.GetHashCode();
}

public sealed record ViewComponent(string Field, ViewFilter Filter, bool Visible)
{
    public static ViewComponent Make(string field, ViewFilter f) => new(field, f, f.MultiValue);
    public bool Equals(ViewComponent? o) =>
        o != null && MetaData.FieldOrder.Compare(Field, o.Field) == 0 && Filter.Equals(o.Filter) && Visible == o.Visible;
    public override int GetHashCode() => Field.ToLowerInvariant().GetHashCode();
}

public enum FilterKind { Values, Glob, Exclude, ValuesOrUnset, GlobOrUnset }

/// <summary>One of upstream's ViewFilter constructors: Values/Exclude/ValuesOrUnset carry a set, the
/// glob kinds a glob; the OrUnset kinds also the name of the directory for files lacking the field.</summary>
public sealed record ViewFilter(FilterKind Kind, IReadOnlyList<string> Values, string? Glob, string? Unset)
{
    public static ViewFilter OfValues(FilterKind k, IEnumerable<string> vs, string? unset = null) =>
        new(k, vs.Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList(), null, unset);
    public static ViewFilter OfGlob(FilterKind k, string glob, string? unset = null) => new(k, [], glob, unset);

    public bool IsGlob => Kind is FilterKind.Glob or FilterKind.GlobOrUnset;

    public bool MultiValue => Kind switch
    {
        FilterKind.Values => Values.Count > 1,
        FilterKind.Exclude => false,
        _ => true,
    };

    public bool Equals(ViewFilter? o) =>
        o != null && Kind == o.Kind && Values.SequenceEqual(o.Values) && Glob == o.Glob && Unset == o.Unset;
    public override int GetHashCode() => HashCode.Combine(Kind, Glob, Values.Count);
}

public enum ViewChange { Unchanged, Narrowing, Widening }

/// <summary>The pure operations on views (Annex/View.hs): parsing parameters, refining and filtering.</summary>
public static class Views
{
    public const string TagField = "tag";

    /// <summary>parseViewParam: field=value, field!=value, field?=value, tag, !tag, ?tag.</summary>
    public static (string Field, ViewFilter Filter) ParseParam(string unset, string s)
    {
        int eq = s.IndexOf('=');
        if (eq < 0)
        {
            if (s.Length > 1 && s[0] == '!') return (TagField, ViewFilter.OfValues(FilterKind.Exclude, [s[1..]]));
            if (s.Length > 1 && s[0] == '?') return (TagField, OrUnset(s[1..], unset));
            return (TagField, Filter(s));
        }
        var field = s[..eq];
        var wanted = s[(eq + 1)..];
        if (field.EndsWith('!')) return (field[..^1], ViewFilter.OfValues(FilterKind.Exclude, [wanted]));
        if (field.EndsWith('?')) return (field[..^1], OrUnset(wanted, unset));
        return (field, Filter(wanted));
    }

    private static bool HasGlobChar(string v) => v.Contains('*') || v.Contains('?');
    private static ViewFilter Filter(string v) =>
        HasGlobChar(v) ? ViewFilter.OfGlob(FilterKind.Glob, v) : ViewFilter.OfValues(FilterKind.Values, [v]);
    private static ViewFilter OrUnset(string v, string unset) =>
        HasGlobChar(v) ? ViewFilter.OfGlob(FilterKind.GlobOrUnset, v, unset) : ViewFilter.OfValues(FilterKind.ValuesOrUnset, [v], unset);

    /// <summary>mkView: the parameters are applied last first, each new field put in front.</summary>
    public static View Make(string parent, string unset, IReadOnlyList<string> ps) =>
        Refine(new View(parent, []), ps.Reverse().Select(p => ParseParam(unset, p)).ToList()).View;

    /// <summary>refineView: adds new fields (narrowing) or widens the values of existing ones.</summary>
    public static (View View, ViewChange Change) Refine(View orig, IReadOnlyList<(string Field, ViewFilter Filter)> ps)
    {
        var view = orig;
        var change = ViewChange.Unchanged;
        foreach (var (field, vf) in ps)
        {
            ViewChange c;
            if (view.Components.Any(x => SameField(x.Field, field)))
            {
                var changes = new List<ViewChange>();
                var comps = view.Components.Select(x =>
                {
                    if (!SameField(x.Field, field)) return x;
                    var (nf, ch) = Combine(x.Filter, vf);
                    changes.Add(ch);
                    return ViewComponent.Make(field, nf);
                }).ToList();
                view = view with { Components = comps };
                c = orig.Components.Any(x => SameField(x.Field, field)) ? changes.Max() : ViewChange.Narrowing;
            }
            else
            {
                view = view with { Components = [ViewComponent.Make(field, vf), .. view.Components] };
                c = ViewChange.Narrowing;
            }
            if (c > change) change = c;
        }
        if (view.TooLarge)
            throw new UserErrorException($"View is too large ({view.VisibleSize} levels of subdirectories)");
        return (view, change);
    }

    /// <summary>filterView: the new filters, made invisible, go in front of the existing components.</summary>
    public static View Filter(View v, IReadOnlyList<(string Field, ViewFilter Filter)> ps)
    {
        var f = Refine(v with { Components = [] }, ps).View;
        return v with { Components = [.. f.Components.Select(c => c with { Visible = false }), .. v.Components] };
    }

    /// <summary>vcycle: the first visible component moves to the end.</summary>
    public static View Cycle(View v)
    {
        var rest = new List<ViewComponent>();
        var cs = v.Components.ToList();
        for (int i = 0; i < cs.Count; i++)
        {
            if (cs[i].Visible)
                return v with { Components = [.. rest, .. cs.Skip(i + 1), cs[i]] };
            rest.Insert(0, cs[i]);
        }
        return v with { Components = [.. rest] };
    }

    internal static bool SameField(string a, string b) => MetaData.FieldOrder.Compare(a, b) == 0;

    private static bool GlobMatches(string glob, string v) => new Glob(glob, ignoreCase: true).IsMatch(v);

    /// <summary>combineViewFilter, case by case as upstream.</summary>
    public static (ViewFilter, ViewChange) Combine(ViewFilter old, ViewFilter nw)
    {
        ViewFilter Union(FilterKind k, string? unset) => ViewFilter.OfValues(k, old.Values.Concat(nw.Values), unset);
        switch (old.Kind, nw.Kind)
        {
            case (FilterKind.Values, FilterKind.Values):
            {
                var c = Union(FilterKind.Values, null);
                return (c, c.Equals(old) ? ViewChange.Unchanged : ViewChange.Widening);
            }
            case (FilterKind.Exclude, FilterKind.Exclude):
            {
                var c = Union(FilterKind.Exclude, null);
                return (c, c.Equals(old) ? ViewChange.Unchanged : ViewChange.Narrowing);
            }
            case (FilterKind.Values, FilterKind.Glob): return (nw, ViewChange.Widening);
            case (FilterKind.Glob, FilterKind.Values):
                return (nw, nw.Values.All(v => GlobMatches(old.Glob!, v)) ? ViewChange.Narrowing : ViewChange.Widening);
            case (FilterKind.Glob, FilterKind.Glob):
            case (FilterKind.GlobOrUnset, FilterKind.GlobOrUnset):
                return (nw, old.Glob == nw.Glob ? ViewChange.Unchanged
                    : GlobMatches(old.Glob!, nw.Glob!) ? ViewChange.Narrowing : ViewChange.Widening);
            case (FilterKind.ValuesOrUnset, FilterKind.ValuesOrUnset):
            {
                var c = Union(FilterKind.ValuesOrUnset, nw.Unset);
                return (c, c.Equals(old) ? ViewChange.Unchanged : ViewChange.Widening);
            }
            case (FilterKind.Values, FilterKind.ValuesOrUnset): return (Union(FilterKind.ValuesOrUnset, nw.Unset), ViewChange.Widening);
            case (FilterKind.ValuesOrUnset, FilterKind.Values):
            {
                // Upstream compares the combined FilterValues with the old FilterValuesOrUnset: never equal.
                var c = Union(FilterKind.Values, null);
                return (c, ViewChange.Widening);
            }
            case (FilterKind.ValuesOrUnset, FilterKind.Glob): return (nw, ViewChange.Widening);
            case (FilterKind.Glob, FilterKind.ValuesOrUnset): return (nw, ViewChange.Widening);
            case (FilterKind.Values, FilterKind.GlobOrUnset): return (nw, ViewChange.Widening);
            case (FilterKind.ValuesOrUnset, FilterKind.GlobOrUnset): return (nw, ViewChange.Widening);
            case (FilterKind.GlobOrUnset, FilterKind.Values):
                return Combine(ViewFilter.OfGlob(FilterKind.Glob, old.Glob!), nw);
            case (FilterKind.GlobOrUnset, FilterKind.ValuesOrUnset):
                return (nw, Combine(ViewFilter.OfGlob(FilterKind.Glob, old.Glob!), nw).Item2);
            case (FilterKind.Glob, FilterKind.GlobOrUnset): return (nw, ViewChange.Widening);
            case (FilterKind.GlobOrUnset, FilterKind.Glob): return (nw, ViewChange.Narrowing);
            case (_, FilterKind.Exclude): return (nw, ViewChange.Narrowing);
            default: return (nw, ViewChange.Widening); // an exclude replaced by a filter
        }
    }
}
