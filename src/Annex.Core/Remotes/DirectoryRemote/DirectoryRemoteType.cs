using Annex.Core.Annex;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.DirectoryRemote;

/// <summary>
/// type=directory (doc/special_remotes/directory.mdwn). The directory is kept in git config
/// (remote.NAME.annex-directory, made absolute), not in remote.log, so each clone can mount it elsewhere.
/// </summary>
public sealed class DirectoryRemoteType : SpecialRemoteType
{
    public override string Name => "directory";
    public override string GitConfigField => "directory";
    public override IReadOnlyList<string> Fields { get; } = ["directory", "ignoreinodes"];
    public override int DefaultCost => CheapCost;
    public override bool SupportsExport => true;
    public override bool SupportsImport => true;

    public override SetupResult Setup(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, string cwd)
    {
        if (!config.TryGetValue("directory", out var dir)) throw new UserErrorException("Specify directory=");
        var abs = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir, cwd));
        if (abs.Length == 0) abs = "/";
        if (!Directory.Exists(abs)) throw new UserErrorException($"Directory does not exist: {abs}");
        var kept = config.Where(kv => kv.Key != "directory").ToDictionary(StringComparer.Ordinal);
        return new SetupResult(kept, [("directory", abs)]);
    }

    public override IKeyStore OpenStore(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, Action<string> warn) =>
        new DirectoryStore(RequiredGitConfig(repo, name, "directory", "directory"));

    public override string Location(AnnexRepo repo, string name) => repo.Config.Get($"remote.{name}.annex-directory") ?? "";

    public override IEnumerable<(string Field, string Value)> Info(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config)
    {
        yield return ("directory", Location(repo, name));
    }
}
