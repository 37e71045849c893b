using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Matching;

/// <summary>--metadata field=glob, field&lt;value, field&gt;value (doc/git-annex-matching-options.mdwn); field names are case-insensitive.</summary>
public sealed record MetadataMatch(string Field, Func<string, bool> ValueTest)
{
    public static MetadataMatch Parse(string spec)
    {
        foreach (var op in new[] { "<=", ">=", "=", "<", ">" })
        {
            int at = spec.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0) continue;
            var field = spec[..at];
            var value = spec[(at + op.Length)..];
            if (op == "=")
            {
                var g = new Glob(value, ignoreCase: true);
                return new MetadataMatch(field, g.IsMatch);
            }
            return new MetadataMatch(field, v => Compare(v, value) switch
            {
                var c when op == "<" => c < 0,
                var c when op == "<=" => c <= 0,
                var c when op == ">" => c > 0,
                var c => c >= 0,
            });
        }
        throw new UserErrorException($"--metadata expects field=value, not {spec}");
    }

    /// <summary>Numbers compare numerically, anything else as text.</summary>
    private static int Compare(string a, string b) =>
        double.TryParse(a, out var x) && double.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    public bool Matches(MetaData current)
    {
        foreach (var (field, values) in current.Current().Fields)
            if (string.Equals(field, Field, StringComparison.OrdinalIgnoreCase) && values.Any(v => ValueTest(v.Text)))
                return true;
        return false;
    }
}
