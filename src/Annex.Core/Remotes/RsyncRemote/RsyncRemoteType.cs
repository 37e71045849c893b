using Annex.Core.Annex;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.RsyncRemote;

/// <summary>type=rsync (doc/special_remotes/rsync.mdwn). rsyncurl= is kept both in remote.log and in
/// remote.NAME.annex-rsyncurl, where a clone may point it elsewhere.</summary>
public sealed class RsyncRemoteType : SpecialRemoteType
{
    public override string Name => "rsync";
    public override string GitConfigField => "rsyncurl";
    // In the order of upstream's parser list (rsyncRemoteConfigs first), which verifyremote shows.
    public override IReadOnlyList<string> Fields { get; } = ["shellescape", "rsyncurl"];
    public override bool SupportsExport => true;

    public override SetupResult Setup(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, string cwd)
    {
        if (!config.TryGetValue("rsyncurl", out var url)) throw new UserErrorException("Specify rsyncurl=");
        RsyncOptions.RefuseOptionLike(url);
        return new SetupResult(config, [("rsyncurl", url)]);
    }

    public override IKeyStore OpenStore(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, Action<string> warn) =>
        new RsyncStore(repo, RequiredGitConfig(repo, name, "rsyncurl", "rsyncurl"), RsyncOptions.ForRemote(repo, name));

    public override string Location(AnnexRepo repo, string name) => repo.Config.Get($"remote.{name}.annex-rsyncurl") ?? "";

    public override IEnumerable<(string Field, string Value)> Info(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config)
    {
        yield return ("url", Location(repo, name));
    }
}
