using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Matching;

/// <summary>
/// Preferred and required content expressions of a repository (doc/git-annex-preferred-content.mdwn),
/// compiled against that repository: "present" means present there, "standard" expands to the expression
/// of its standard group, "groupwanted" to its group's groupwanted expression.
/// </summary>
public sealed class PreferredContent(AnnexRepo repo)
{
    private readonly PreferredContentStore _store = new(repo);

    /// <summary>The repository's preferred content, or null when none is set.</summary>
    public async Task<Expression?> WantedAsync(Uuid uuid, CancellationToken ct = default) =>
        await _store.ExpressionAsync(PreferredContentStore.PreferredLog, uuid, ct) is { } e ? await CompileAsync(e, uuid, ct) : null;

    public async Task<Expression?> RequiredAsync(Uuid uuid, CancellationToken ct = default) =>
        await _store.ExpressionAsync(PreferredContentStore.RequiredLog, uuid, ct) is { } e && e.Trim().Length > 0
            ? await CompileAsync(e, uuid, ct) : null;

    /// <summary>
    /// Checks an expression before it is stored: syntax and terms, without expanding "standard" or
    /// "groupwanted" (the repository may be put in its group only afterwards).
    /// </summary>
    public void Validate(string expression, Uuid uuid) =>
        Expression.Parse(Expression.Tokenize(expression), term => term is "standard" or "groupwanted"
            ? (_, _) => ValueTask.FromResult(false)
            : new Func<MatchSubject, CancellationToken, ValueTask<bool>>(Term(term, uuid)));

    public async Task<Expression> CompileAsync(string expression, Uuid uuid, CancellationToken ct = default)
    {
        var tokens = new List<string>();
        foreach (var t in Expression.Tokenize(expression))
        {
            string? expansion = t switch
            {
                "standard" => StandardGroups.ExpressionFor(await _store.GroupsOfAsync(uuid, ct))
                    ?? throw new UserErrorException("\"standard\" used in an expression for a repository that is not in a standard group"),
                "groupwanted" => await GroupWantedAsync(uuid, ct),
                _ => null,
            };
            if (expansion == null) { tokens.Add(t); continue; }
            tokens.Add("(");
            tokens.AddRange(Expression.Tokenize(expansion));
            tokens.Add(")");
        }
        return Expression.Parse(tokens, term => new Func<MatchSubject, CancellationToken, ValueTask<bool>>(Term(term, uuid)));
    }

    private async Task<string> GroupWantedAsync(Uuid uuid, CancellationToken ct)
    {
        foreach (var g in await _store.GroupsOfAsync(uuid, ct))
            if (await _store.GroupExpressionAsync(g, ct) is { } e) return e;
        return "nothing";
    }

    private Terms.Test Term(string term, Uuid uuid)
    {
        int eq = term.IndexOf('=');
        var name = eq < 0 ? term : term[..eq];
        var value = eq < 0 ? "" : term[(eq + 1)..];
        return name switch
        {
            "anything" => Terms.Constant(true),
            "nothing" => Terms.Constant(false),
            "present" => Terms.PresentIn(repo, uuid),
            "include" => Terms.Include(value),
            "exclude" => Terms.Exclude(value),
            "copies" => Terms.Copies(repo, value),
            "lackingcopies" or "approxlackingcopies" => Terms.LackingCopies(repo, value),
            "inallgroup" => Terms.InAllGroup(repo, value),
            "largerthan" => Terms.Size(term, value, larger: true),
            "smallerthan" => Terms.Size(term, value, larger: false),
            "metadata" => Terms.Metadata(repo, value),
            "inbackend" => Terms.InBackend(value),
            "securehash" => Terms.SecureHash(),
            _ => throw new UserErrorException($"{name} is not supported in preferred content expressions by this version of git-annex"),
        };
    }
}
