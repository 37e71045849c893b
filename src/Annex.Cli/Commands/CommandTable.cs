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
        new UnlockCommand("unlock"), new UnlockCommand("edit"), new LockCommand(),
        new WantedCommand("wanted", "preferred-content.log"), new WantedCommand("required", "required-content.log"),
        new GroupCommand(remove: false), new GroupCommand(remove: true), new GroupWantedCommand(),
        new TrustCommand("trust", TrustLevel.Trusted), new TrustCommand("untrust", TrustLevel.Untrusted),
        new UnusedCommand(), new DropUnusedCommand(), new AddUnusedCommand(), new UnannexCommand(), new UninitCommand(), new ReinjectCommand(), new MigrateCommand(), new UpgradeCommand(), new RepairCommand(), new DropKeyCommand(), new FromKeyCommand(), new AddUrlCommand(), new RegisterUrlCommand(), new UnregisterUrlCommand(),
        new TrustCommand("semitrust", TrustLevel.SemiTrusted), new TrustCommand("dead", TrustLevel.Dead),
        new FsckCommand(), new FixCommand(), new InfoCommand(), new LogCommand(), new MetadataCommand(), new MapCommand(), new NumcopiesCommand("numcopies"), new NumcopiesCommand("mincopies"),
        new SyncCommand(SyncMode.Sync), new SyncCommand(SyncMode.Pull), new SyncCommand(SyncMode.Push), new MergeCommand(), new ForgetCommand(),
        new ViewCommand(), new VPopCommand(), new VFilterCommand(), new VAddCommand(), new VCycleCommand(),
        new AdjustCommand(), new RestageCommand(), new InitRemoteCommand(), new ExportCommand(), new ImportCommand(), new EnableRemoteCommand(), new VerifyRemoteCommand(), new PrePushCommand(), new ConfigCommand(), new ExamineKeyCommand(), new CalcKeyCommand(), new LookupKeyCommand(), new ContentLocationCommand(), new TestCommand(),
    ];

    public static ICommand? Find(string verb) => Commands.FirstOrDefault(c => c.Name == verb);
}
