using Annex.Cli.Commands;
using Annex.Cli.Output;
using Annex.Core.Utility;

namespace Annex.Cli.CommandLine;

/// <summary>Finds the verb among the arguments, parses its options, applies the global ones, runs it.</summary>
public static class Dispatcher
{
    public static async Task<int> RunAsync(string[] args, Messages messages, CancellationToken ct)
    {
        int verbAt = FindVerb(args);
        if (verbAt < 0) throw new UsageException("Missing: COMMAND");
        var verb = args[verbAt];
        var command = CommandTable.Find(verb);
        if (command == null)
        {
            if (VerbCatalog.All.Any(e => e.Name == verb))
                throw new UserErrorException($"{verb}: not implemented in this version of git-annex");
            throw new UsageException($"Invalid argument `{verb}'");
        }
        if (args.Skip(verbAt + 1).TakeWhile(a => a != "--").Contains("--help"))
        {
            // Only implemented verbs answer --help: hooks probe `git annex post-receive --help` to decide whether to run.
            var entry = VerbCatalog.All.FirstOrDefault(e => e.Name == verb);
            messages.Raw($"git-annex {verb} - {entry?.Description}\n\nUsage: git-annex {verb} [options]\n");
            messages.FlushOut();
            return 0;
        }
        var specs = new List<OptionSpec>(CommonOptions.Global);
        specs.AddRange(command.Options);
        if (command.TakesMatchingOptions) specs.AddRange(CommonOptions.Matching);
        var parsed = ArgParser.Parse([.. args[..verbAt], .. args[(verbAt + 1)..]], specs);

        if (parsed.Has("json") || parsed.Has("json-progress")) messages.Mode = OutputMode.Json;
        else if (parsed.Has("quiet")) messages.Mode = OutputMode.Quiet;
        messages.JsonErrorMessages = parsed.Has("json-error-messages");
        messages.JsonProgress = parsed.Has("json-progress");

        await using var ctx = new CommandContext(messages, parsed, Directory.GetCurrentDirectory());
        foreach (var c in parsed.Values("config"))
        {
            int eq = c.IndexOf('=');
            if (eq <= 0) throw new UserErrorException($"Bad -c value \"{c}\" (expected name=value)");
            ctx.ConfigOverrides.Add((c[..eq], c[(eq + 1)..]));
        }
        ctx.Limits.Configure(parsed);
        var rc = await command.RunAsync(ctx, parsed, ct);
        await ctx.FinishAsync(ct);
        messages.FlushOut();
        if (ctx.FailureSummary != null) messages.ErrorRaw(ctx.FailureSummary);
        return ctx.Limits.Reached ? Limits.ExitCode : rc;
    }

    /// <summary>The index of the verb: the first argument that is neither an option nor an option's value.</summary>
    private static int FindVerb(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--") return i + 1 < args.Length ? i + 1 : -1;
            if (!a.StartsWith('-') || a == "-") return i;
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (a.Contains('=')) continue;
                var spec = CommonOptions.Global.FirstOrDefault(s => "--" + s.Long == a);
                if (spec is { TakesValue: true }) i++;
                continue;
            }
            var sh = CommonOptions.Global.FirstOrDefault(s => s.Short == a[1]);
            if (sh is { TakesValue: true } && a.Length == 2) i++;
        }
        return -1;
    }
}
