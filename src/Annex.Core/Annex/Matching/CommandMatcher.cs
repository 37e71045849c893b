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
        return Expression.Parse(tokens, id => new Func<MatchSubject, CancellationToken, ValueTask<bool>>(
            CompileTerm(repo, terms[id].Name, terms[id].Value)));
    }

    private static Terms.Test CompileTerm(AnnexRepo repo, string name, string value) => name switch
    {
        "include" => Terms.Include(value),
        "exclude" => Terms.Exclude(value),
        "in" => InRepo(repo, value),
        "copies" => Terms.Copies(repo, value),
        "lackingcopies" or "approxlackingcopies" => Terms.LackingCopies(repo, value),
        "inbackend" => Terms.InBackend(value),
        "securehash" => Terms.SecureHash(),
        "largerthan" => Terms.Size("--largerthan", value, larger: true),
        "smallerthan" => Terms.Size("--smallerthan", value, larger: false),
        "metadata" => Terms.Metadata(repo, value),
        "inallgroup" => Terms.InAllGroup(repo, value),
        "want-get" or "want-drop" => throw new UserErrorException($"--{name} is not implemented in this version of git-annex"),
        _ => throw new UserErrorException($"--{name} is not implemented in this version of git-annex"),
    };

    /// <summary>--in=REPO: content present there (the name is resolved when first needed).</summary>
    private static Terms.Test InRepo(AnnexRepo repo, string name)
    {
        Terms.Test? resolved = null;
        return async (s, ct) =>
        {
            resolved ??= Terms.PresentIn(repo, await new RemoteNames(repo).ResolveAsync(name, ct));
            return await resolved(s, ct);
        };
    }
}
