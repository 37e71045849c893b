using Annex.Cli.CommandLine;

namespace Annex.Cli.Commands;

/// <summary>The verbs implemented here. Others in <see cref="VerbCatalog"/> fail with "not implemented".</summary>
public static class CommandTable
{
    private static readonly ICommand[] Commands =
    [
        new VersionCommand(), new InitCommand(), new AddCommand(), new FindCommand(), new WhereisCommand(),
        new DescribeCommand(), new PreCommitCommand(), new FilterProcessCommand(), new SmudgeCommand(),
    ];

    public static ICommand? Find(string verb) => Commands.FirstOrDefault(c => c.Name == verb);
}
