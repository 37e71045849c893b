using Annex.Core.Utility;

namespace Annex.Cli.CommandLine;

/// <summary>Raised for a bad command line: Main prints the message and the usage text, exit 1, like the reference.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Parses a verb's arguments the way git-annex's option parser accepts them: long options with
/// "=value" or a separate value, bundled short flags, "-J4", options anywhere among parameters,
/// and "--" ending options.
/// </summary>
public static class ArgParser
{
    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var result = new ParsedArgs();
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { result.Params.AddRange(args.Skip(i + 1)); break; }
            if (a is "-(" or "-)" or "-!")
            {
                result.Matching.Add((a == "-!" ? "not" : a[1..], null));
                continue;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var body = a[2..];
                string? inline = null;
                int eq = body.IndexOf('=');
                if (eq >= 0) { inline = body[(eq + 1)..]; body = body[..eq]; }
                var spec = specs.FirstOrDefault(s => s.Long == body) ?? throw new UsageException($"Invalid option `{a}'");
                string value;
                if (spec.TakesValue)
                {
                    if (inline != null) value = inline;
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new UsageException($"The option `--{spec.Long}' expects an argument.");
                }
                else
                {
                    if (inline != null) throw new UsageException($"Invalid option `{a}'");
                    value = "";
                }
                Record(result, spec, value);
                continue;
            }
            if (a.Length > 1 && a[0] == '-')
            {
                for (int j = 1; j < a.Length; j++)
                {
                    var spec = specs.FirstOrDefault(s => s.Short == a[j]) ?? throw new UsageException($"Invalid option `-{a[j]}'");
                    if (!spec.TakesValue) { Record(result, spec, ""); continue; }
                    string value;
                    if (j + 1 < a.Length) value = a[(j + 1)..];
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new UsageException($"The option `-{a[j]}' expects an argument.");
                    Record(result, spec, value);
                    break;
                }
                continue;
            }
            result.Params.Add(a);
        }
        return result;
    }

    private static void Record(ParsedArgs r, OptionSpec spec, string value)
    {
        if (spec.IsMatching) r.Matching.Add((spec.Long, spec.TakesValue ? value : null));
        else r.Add(spec.Long, value);
    }

    /// <summary>Parses a positive number option value, or fails like the reference's option parser.</summary>
    public static int PositiveInt(string option, string value) =>
        int.TryParse(value, out var n) && n >= 0 ? n : throw new UserErrorException($"bad number for --{option}: {value}");
}
