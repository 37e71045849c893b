using Annex.Core.Annex;

namespace Annex.Core.Remotes.Special;

/// <summary>What initremote/enableremote decided: the configuration for remote.log and the per-clone git configs.</summary>
public sealed record SetupResult(IReadOnlyDictionary<string, string> Config, IReadOnlyList<(string Field, string Value)> GitConfig);

/// <summary>
/// One kind of special remote (Types/Remote.hs RemoteType): the configuration fields it takes, how initremote
/// and enableremote set it up, and how to open its store. Its git config field (remote.NAME.annex-FIELD)
/// is what marks a git remote as one of this type, as upstream's findSpecialRemotes does.
/// </summary>
public abstract class SpecialRemoteType
{
    /// <summary>Config/Cost.hs cheapRemoteCost and expensiveRemoteCost.</summary>
    public const int CheapCost = 100, ExpensiveCost = 200;

    public abstract string Name { get; }

    /// <summary>The remote.NAME.annex-FIELD git config whose presence marks a remote of this type.</summary>
    public abstract string GitConfigField { get; }

    /// <summary>Configuration fields of this type, beyond those every special remote takes.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    public virtual int DefaultCost => ExpensiveCost;
    public virtual bool SupportsExport => false;
    public virtual bool SupportsImport => false;

    /// <summary>
    /// Checks the user's configuration and says what to record. <paramref name="config"/> already holds the
    /// common fields; <paramref name="cwd"/> is where relative paths the user typed are taken from.
    /// </summary>
    public abstract SetupResult Setup(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, string cwd);

    /// <param name="warn">Where the store reports problems that do not stop it (a missing hook).</param>
    public abstract IKeyStore OpenStore(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, Action<string> warn);

    /// <summary>Where the remote is, for `info` and messages.</summary>
    public abstract string Location(AnnexRepo repo, string name);

    /// <summary>Type-specific `info REMOTE` lines ("directory: /x").</summary>
    public abstract IEnumerable<(string Field, string Value)> Info(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config);

    protected static string RequiredGitConfig(AnnexRepo repo, string name, string field, string what) =>
        repo.Config.Get($"remote.{name}.annex-{field}") is { Length: > 0 } v ? v
        : throw new Utility.UserErrorException($"missing {what}");
}
