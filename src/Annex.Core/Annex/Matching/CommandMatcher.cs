using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Matching;

/// <summary>
/// The file-matching options (doc/git-annex-matching-options.mdwn) given on a command line, in order,
/// compiled into one expression. Adjacent terms are and-ed; --and/--or/--not/-( -) combine them.
/// </summary>
public static class CommandMatcher
{
    public static Expression? Compile(AnnexRepo repo, IReadOnlyList<(string Name, string? Value)> options)
    {
        if (options.Count == 0) return null;
        var tokens = new List<string>();
        var terms = new Dictionary<string, (string Name, string Value)>();
        foreach (var (name, value) in options)
        {
            if (name is "not" or "and" or "or" or "(" or ")") { tokens.Add(name); continue; }
            var id = "\u0001" + terms.Count;
            terms[id] = (name, value ?? "");
            tokens.Add(id);
        }
        return Expression.Parse(tokens, id => CompileTerm(repo, terms[id].Name, terms[id].Value));
    }

    private static Func<MatchSubject, CancellationToken, ValueTask<bool>> CompileTerm(AnnexRepo repo, string name, string value)
    {
        var locations = new LocationLogStore(repo);
        switch (name)
        {
            case "include":
            {
                var g = new Glob(value);
                return (s, _) => ValueTask.FromResult(s.Path != null && g.IsMatch(s.Path));
            }
            case "exclude":
            {
                var g = new Glob(value);
                return (s, _) => ValueTask.FromResult(s.Path == null || !g.IsMatch(s.Path));
            }
            case "in":
                return async (s, ct) =>
                {
                    if (s.Key == null) return false;
                    var uuid = await new RemoteNames(repo).ResolveAsync(value, ct);
                    if (uuid == repo.Uuid) return new ObjectStore(repo.Locations).Has(s.Key);
                    return (await locations.PresentAsync(s.Key, ct)).Contains(uuid);
                };
            case "copies":
            {
                if (!int.TryParse(value, out var n)) throw new UserErrorException($"bad number for --copies: {value}");
                return async (s, ct) => s.Key != null && await CopyCounting.CountAsync(repo, s.Key, ct) >= n;
            }
            case "lackingcopies":
            {
                if (!int.TryParse(value, out var n)) throw new UserErrorException($"bad number for --lackingcopies: {value}");
                return async (s, ct) =>
                {
                    if (s.Key == null) return false;
                    var need = await new NumCopiesStore(repo).NumCopiesAsync(ct);
                    return need - await CopyCounting.CountAsync(repo, s.Key, ct) >= n;
                };
            }
            case "inbackend":
                return (s, _) => ValueTask.FromResult(s.Key != null && s.Key.Backend == value);
            case "securehash":
                return (s, _) => ValueTask.FromResult(s.Key != null && Backends.ForKey(s.Key)?.IsCryptographicallySecure == true);
            case "largerthan" or "smallerthan":
            {
                if (!DataUnits.TryParse(value, out var n)) throw new UserErrorException($"bad size for --{name}: {value}");
                bool larger = name == "largerthan";
                return (s, _) =>
                {
                    var sz = s.Key?.Size ?? s.Size;
                    return ValueTask.FromResult(sz is { } v && (larger ? v > n : v < n));
                };
            }
            case "metadata":
            {
                var m = MetadataMatch.Parse(value);
                return async (s, ct) => s.Key != null && m.Matches(await new MetadataStore(repo).GetAsync(s.Key, ct));
            }
            case "locked" or "unlocked":
                throw new UserErrorException($"--{name} is not implemented in this version of git-annex");
            default:
                throw new UserErrorException($"--{name} is not implemented in this version of git-annex");
        }
    }
}
