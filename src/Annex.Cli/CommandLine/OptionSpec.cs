namespace Annex.Cli.CommandLine;

/// <summary>One command-line option: long name (without "--"), optional short letter, whether it takes a value.</summary>
public sealed record OptionSpec(string Long, char? Short = null, bool TakesValue = false, bool IsMatching = false)
{
    public static OptionSpec Flag(string name, char? shortName = null) => new(name, shortName);
    public static OptionSpec Value(string name, char? shortName = null) => new(name, shortName, true);
}

/// <summary>Options every verb accepts (git-annex's global options), and the file-matching options.</summary>
public static class CommonOptions
{
    public static readonly IReadOnlyList<OptionSpec> Global =
    [
        OptionSpec.Flag("force"), OptionSpec.Flag("fast", 'F'), OptionSpec.Flag("quiet", 'q'),
        OptionSpec.Flag("verbose", 'v'), OptionSpec.Flag("debug", 'd'), OptionSpec.Flag("no-debug"),
        OptionSpec.Value("debugfilter"), OptionSpec.Flag("explain"),
        OptionSpec.Value("numcopies", 'N'), OptionSpec.Value("mincopies"), OptionSpec.Flag("rebalance"),
        OptionSpec.Value("trust"), OptionSpec.Value("semitrust"), OptionSpec.Value("untrust"),
        OptionSpec.Value("config", 'c'), OptionSpec.Value("user-agent"), OptionSpec.Flag("json"),
        OptionSpec.Flag("json-progress"), OptionSpec.Flag("json-error-messages"),
        OptionSpec.Value("jobs", 'J'), OptionSpec.Value("time-limit"), OptionSpec.Value("size-limit"),
        OptionSpec.Value("backend", 'b'), OptionSpec.Flag("no-view"),
    ];

    /// <summary>git-annex-matching-options(1): kept in command-line order, since --and/--or/-( build an expression.</summary>
    public static readonly IReadOnlyList<OptionSpec> Matching =
    [
        M("include", 'I', true), M("exclude", 'x', true), M("excludesamecontent", null, true),
        M("includesamecontent", null, true), M("in", 'i', true), M("copies", 'C', true),
        M("lackingcopies", null, true), M("approxlackingcopies", null, true), M("inbackend", 'B', true),
        M("securehash", null, false), M("inallgroup", null, true), M("smallerthan", null, true),
        M("largerthan", null, true), M("metadata", null, true), M("want-get", null, false),
        M("want-drop", null, false), M("want-get-by", null, true), M("want-drop-by", null, true),
        M("accessedwithin", null, true), M("mimetype", null, true), M("mimeencoding", null, true),
        M("unlocked", null, false), M("locked", null, false), M("expected-present", null, false),
        M("not", '!', false), M("and", 'a', false), M("or", 'o', false), M("(", null, false), M(")", null, false),
    ];

    private static OptionSpec M(string name, char? s, bool value) => new(name, s, value, IsMatching: true);

    /// <summary>Options of verbs that act on keys as well as files.</summary>
    public static readonly IReadOnlyList<OptionSpec> KeySelection =
    [
        OptionSpec.Flag("all", 'A'), OptionSpec.Value("branch"), OptionSpec.Flag("unused", 'U'),
        OptionSpec.Value("key"), OptionSpec.Flag("failed"), OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'),
        OptionSpec.Flag("batch-keys"),
    ];
}
