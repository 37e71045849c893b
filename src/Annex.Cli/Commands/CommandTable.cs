using Annex.Cli.CommandLine;
using Annex.Core.Logs;

namespace Annex.Cli.Commands;

/// <summary>The verbs implemented here. Others in <see cref="VerbCatalog"/> fail with "not implemented".</summary>
public static class CommandTable
{
    private static readonly ICommand[] Commands =
    [
        new VersionCommand(), new InitCommand(), new AddCommand(), new FindCommand(), new WhereisCommand(),
        new DescribeCommand(), new PreCommitCommand(), new FilterProcessCommand(), new SmudgeCommand(), new GetCommand(), new DropCommand(), new CopyCommand(), new MoveCommand(), new StatusCommand(),
        new NumCopiesCommand("numcopies", "numcopies.log"), new NumCopiesCommand("mincopies", "mincopies.log"),
        new TrustCommand("trust", TrustLevel.Trusted), new TrustCommand("untrust", TrustLevel.Untrusted),
        new UnusedCommand(), new DropUnusedCommand(), new AddUnusedCommand(), new UnannexCommand(), new UninitCommand(), new ReinjectCommand(), new MigrateCommand(), new UpgradeCommand(), new RepairCommand(), new DropKeyCommand(), new FromKeyCommand(), new UnlockCommand(), new UnlockCommand("edit"),
        new TrustCommand("semitrust", TrustLevel.SemiTrusted), new TrustCommand("dead", TrustLevel.Dead),
    ];

    public static ICommand? Find(string verb) => Commands.FirstOrDefault(c => c.Name == verb);
}
