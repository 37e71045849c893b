namespace Annex.Core.Annex.Matching;

/// <summary>The standard groups and their preferred content (doc/preferred_content/standard_groups.mdwn).</summary>
public static class StandardGroups
{
    private const string NotArchived = "not (copies=archive:1 or copies=smallarchive:1)";
    private static string LastResort(string s) => $"({s}) or approxlackingcopies=1";
    private static readonly string Client = LastResort($"include=* and ((exclude=*/archive/* and exclude=archive/*) or ({NotArchived}))");
    private static readonly string FullArchive = LastResort(NotArchived);

    public static readonly IReadOnlyList<(string Group, string Expression)> All =
    [
        ("client", Client),
        ("transfer", LastResort($"not (inallgroup=client and copies=client:2) and ({Client})")),
        ("backup", "anything"),
        ("incrementalbackup", LastResort("(not copies=backup:1) and (not copies=incrementalbackup:1)")),
        ("smallarchive", LastResort($"(include=*/archive/* or include=archive/*) and ({FullArchive})")),
        ("archive", FullArchive),
        ("source", "not (copies=1)"),
        ("manual", $"present and ({Client})"),
        ("public", "inpreferreddir"),
        ("unwanted", "not anything"),
    ];

    /// <summary>The expression of the first standard group (in the reference's order) among <paramref name="groups"/>.</summary>
    public static string? ExpressionFor(IEnumerable<string> groups)
    {
        var set = groups.ToHashSet();
        foreach (var (g, e) in All) if (set.Contains(g)) return e;
        return null;
    }
}
