namespace Annex.Cli.CommandLine;

/// <summary>One git-annex verb. Each lives in Commands/&lt;Verb&gt;Command.cs with its options and body.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>The verb's own options (global and, where the verb seeks files, matching options are added by the runner).</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>True for verbs that take file-matching options.</summary>
    bool TakesMatchingOptions => false;

    /// <summary>True for verbs that work outside a repository (version, help, init creates the annex).</summary>
    bool NeedsRepository => true;

    /// <summary>Runs the verb; returns the process exit code.</summary>
    Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct);
}
