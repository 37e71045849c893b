using Annex.Core.Annex.Matching;
using Annex.Core.Logs;

namespace Annex.Core.Annex.Views;

/// <summary>
/// viewedFiles (Annex/View.hs): where a file with this metadata appears in a view. Every component
/// must match; each visible one adds a directory level, one per matching value, so a file can
/// appear in several places. Globs are compiled once per view.
/// </summary>
public sealed class ViewMatcher
{
    private readonly View _view;
    private readonly Glob?[] _globs;

    public ViewMatcher(View view)
    {
        _view = view;
        _globs = view.Components.Select(c => c.Filter.Glob is { } g ? new Glob(g, ignoreCase: true) : null).ToArray();
    }

    public IReadOnlyList<string> ViewedFiles(string viewedName, MetaData meta)
    {
        var levels = new List<List<string>>();
        for (int i = 0; i < _view.Components.Count; i++)
        {
            var c = _view.Components[i];
            var m = Match(c, _globs[i], meta);
            if (m == null) return [];
            if (c.Visible) levels.Add(m.Select(ViewedFile.ToViewPath).ToList());
        }
        if (levels.Count == 0) return [viewedName];
        IEnumerable<string> paths = levels[0];
        foreach (var l in levels.Skip(1)) paths = paths.SelectMany(p => l.Select(x => Combine(p, x))).ToList();
        return paths.Select(p => Combine(p, viewedName)).ToList();
    }

    /// <summary>System.FilePath's combine: an empty side disappears.</summary>
    private static string Combine(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "/" + b;

    /// <summary>viewComponentMatcher: null when the file is not in the view, else the matching values.</summary>
    private static List<string>? Match(ViewComponent c, Glob? glob, MetaData meta)
    {
        var values = meta.Fields.TryGetValue(c.Field, out var vs)
            ? vs.Where(v => v.IsSet).Select(v => v.Text).ToList() : [];
        string? unset = c.Filter.Kind is FilterKind.ValuesOrUnset or FilterKind.GlobOrUnset ? c.Filter.Unset : null;
        List<string> matched;
        switch (c.Filter.Kind)
        {
            case FilterKind.Exclude:
                return values.Intersect(c.Filter.Values, StringComparer.Ordinal).Any() ? null : [];
            case FilterKind.Values or FilterKind.ValuesOrUnset:
                matched = values.Where(v => c.Filter.Values.Contains(v, StringComparer.Ordinal)).ToList();
                break;
            default:
                matched = values.Where(glob!.IsMatch).ToList();
                break;
        }
        if (matched.Count > 0) return matched;
        return unset != null ? [unset] : null;
    }
}
