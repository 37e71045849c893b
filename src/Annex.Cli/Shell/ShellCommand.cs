using Annex.Core.Annex;

namespace Annex.Cli.Shell;

/// <summary>The least restrictive server mode a command needs (P2P.Protocol's ServerMode, as CmdLine/GitAnnexShell.hs lists them).</summary>
public enum ShellMode { ReadOnly, AppendOnly, ReadWrite }

/// <summary>One git-annex-shell command; one file each in Shell/.</summary>
public interface IShellCommand
{
    string Name { get; }
    string Description { get; }

    /// <summary>Commands above ReadOnly are refused by GIT_ANNEX_SHELL_READONLY, above AppendOnly by _APPENDONLY.</summary>
    ShellMode Mode { get; }

    /// <summary>gitAnnexShellCheck: the repository must be a git-annex or gcrypt repository.</summary>
    bool NeedsAnnexOrGcrypt => true;

    Task<int> RunAsync(ShellContext ctx, CancellationToken ct);
}

/// <summary>What a shell command is given: its parameters, fields, rsync options, the checks, and the opened repository.</summary>
public sealed class ShellContext(AnnexRepo repo, IReadOnlyList<string> parameters, bool force,
    IReadOnlyDictionary<string, string> fields, IReadOnlyList<string> rsyncOptions, ShellChecks checks)
{
    public AnnexRepo Repo { get; } = repo;
    public IReadOnlyList<string> Params { get; } = parameters;
    public bool Force { get; } = force;
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;
    public IReadOnlyList<string> RsyncOptions { get; } = rsyncOptions;
    public ShellChecks Checks { get; } = checks;

    /// <summary>The server mode the environment allows (READONLY wins over APPENDONLY).</summary>
    public ShellMode AllowedMode =>
        Checks.IsSet(ShellChecks.ReadOnlyEnv) ? ShellMode.ReadOnly
        : Checks.IsSet(ShellChecks.AppendOnlyEnv) ? ShellMode.AppendOnly : ShellMode.ReadWrite;
}
