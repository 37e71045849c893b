using Annex.Core.Utility;

namespace Annex.Core.Annex.Matching;

/// <summary>
/// annex.largefiles (doc/tips/largefiles.mdwn): which files `add` puts in the annex; the rest go to git.
/// Without a setting every file is large. The file-only terms are supported here; a term that needs
/// something this build cannot evaluate is a clear error, never silently "true".
/// </summary>
public static class LargeFiles
{
    public static Expression Compile(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return Expression.Always;
        return Expression.Parse(Expression.Tokenize(expression), FileTerm);
    }

    public static Func<MatchSubject, CancellationToken, ValueTask<bool>> FileTerm(string term)
    {
        int eq = term.IndexOf('=');
        var name = eq < 0 ? term : term[..eq];
        var value = eq < 0 ? "" : term[(eq + 1)..];
        switch (name)
        {
            case "anything": return (_, _) => ValueTask.FromResult(true);
            case "nothing": return (_, _) => ValueTask.FromResult(false);
            case "include":
            {
                var g = new Glob(value);
                return (s, _) => ValueTask.FromResult(s.Path != null && GlobMatches(g, s.Path));
            }
            case "exclude":
            {
                var g = new Glob(value);
                return (s, _) => ValueTask.FromResult(s.Path == null || !GlobMatches(g, s.Path));
            }
            case "largerthan" or "smallerthan":
            {
                if (!DataUnits.TryParse(value, out var n)) throw new UserErrorException($"bad size in {term}");
                bool larger = name == "largerthan";
                return (s, _) => ValueTask.FromResult(s.Size is { } sz && (larger ? sz > n : sz < n));
            }
            case "mimetype" or "mimeencoding":
            {
                var g = new Glob(value);
                bool type = name == "mimetype";
                return (s, _) => ValueTask.FromResult(s.FullPath != null
                    && g.IsMatch(type ? LibMagic.MimeType(s.FullPath) : LibMagic.MimeEncoding(s.FullPath)));
            }
            default:
                throw new UserErrorException($"{name} is not supported in annex.largefiles by this version of git-annex");
        }
    }

    /// <summary>Globs match the path relative to the top of the work tree ('*' crosses directories).</summary>
    private static bool GlobMatches(Glob g, string path) => g.IsMatch(path);
}
