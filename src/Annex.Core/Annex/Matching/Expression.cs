using Annex.Core.Utility;

namespace Annex.Core.Annex.Matching;

/// <summary>
/// What a matcher term is asked about: a file (path relative to the top) and, when known, its key, size and
/// where its content can be read (for mimetype/mimeencoding).
/// </summary>
public sealed record MatchSubject(string? Path, Keys.Key? Key, long? Size, string? FullPath = null);

/// <summary>
/// Boolean expressions over terms, as in annex.largefiles and preferred content
/// (doc/git-annex-preferred-content.mdwn): terms joined by "and"/"or" (and by adjacency, meaning and),
/// "not", and parentheses. "and" binds tighter than "or". Terms are compiled by a caller-supplied function,
/// so largefiles, preferred content and command-line matching share this parser.
/// </summary>
public sealed class Expression
{
    private readonly Func<MatchSubject, CancellationToken, ValueTask<bool>> _eval;

    private Expression(Func<MatchSubject, CancellationToken, ValueTask<bool>> eval) => _eval = eval;

    public ValueTask<bool> MatchAsync(MatchSubject subject, CancellationToken ct = default) => _eval(subject, ct);

    public static Expression Always { get; } = new((_, _) => ValueTask.FromResult(true));

    public static Expression Parse(IReadOnlyList<string> tokens,
        Func<string, Func<MatchSubject, CancellationToken, ValueTask<bool>>> compileTerm)
    {
        int pos = 0;
        var e = ParseOr(tokens, ref pos, compileTerm);
        if (pos != tokens.Count) throw new UserErrorException($"failed to parse expression: unexpected \"{tokens[pos]}\"");
        return new Expression(e);
    }

    public static IReadOnlyList<string> Tokenize(string expression)
    {
        var tokens = new List<string>();
        foreach (var word in expression.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word;
            while (w.StartsWith('(')) { tokens.Add("("); w = w[1..]; }
            int close = 0;
            while (w.EndsWith(')') && !w.Contains('(')) { close++; w = w[..^1]; }
            if (w.Length > 0) tokens.Add(w);
            for (int i = 0; i < close; i++) tokens.Add(")");
        }
        return tokens;
    }

    private delegate ValueTask<bool> Eval(MatchSubject s, CancellationToken ct);

    private static Func<MatchSubject, CancellationToken, ValueTask<bool>> ParseOr(IReadOnlyList<string> t, ref int pos,
        Func<string, Func<MatchSubject, CancellationToken, ValueTask<bool>>> term)
    {
        var left = ParseAnd(t, ref pos, term);
        while (pos < t.Count && t[pos] == "or")
        {
            pos++;
            var l = left;
            var r = ParseAnd(t, ref pos, term);
            left = async (s, ct) => await l(s, ct) || await r(s, ct);
        }
        return left;
    }

    private static Func<MatchSubject, CancellationToken, ValueTask<bool>> ParseAnd(IReadOnlyList<string> t, ref int pos,
        Func<string, Func<MatchSubject, CancellationToken, ValueTask<bool>>> term)
    {
        var left = ParseUnary(t, ref pos, term);
        while (pos < t.Count && t[pos] != "or" && t[pos] != ")")
        {
            if (t[pos] == "and") pos++;
            var l = left;
            var r = ParseUnary(t, ref pos, term);
            left = async (s, ct) => await l(s, ct) && await r(s, ct);
        }
        return left;
    }

    private static Func<MatchSubject, CancellationToken, ValueTask<bool>> ParseUnary(IReadOnlyList<string> t, ref int pos,
        Func<string, Func<MatchSubject, CancellationToken, ValueTask<bool>>> term)
    {
        if (pos >= t.Count) throw new UserErrorException("failed to parse expression: missing term");
        var tok = t[pos++];
        if (tok == "not")
        {
            var inner = ParseUnary(t, ref pos, term);
            return async (s, ct) => !await inner(s, ct);
        }
        if (tok == "(")
        {
            var inner = ParseOr(t, ref pos, term);
            if (pos >= t.Count || t[pos] != ")") throw new UserErrorException("failed to parse expression: missing )");
            pos++;
            return inner;
        }
        if (tok is ")" or "and" or "or") throw new UserErrorException($"failed to parse expression: unexpected \"{tok}\"");
        return term(tok);
    }
}
