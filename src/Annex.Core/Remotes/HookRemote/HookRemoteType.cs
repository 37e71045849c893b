using Annex.Core.Annex;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.HookRemote;

/// <summary>type=hook (doc/special_remotes/hook.mdwn): shell commands from git config do the work.</summary>
public sealed class HookRemoteType : SpecialRemoteType
{
    public override string Name => "hook";
    public override string GitConfigField => "hooktype";
    public override IReadOnlyList<string> Fields { get; } = ["hooktype"];

    public override SetupResult Setup(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, string cwd)
    {
        if (!config.TryGetValue("hooktype", out var hooktype)) throw new UserErrorException("Specify hooktype=");
        return new SetupResult(config, [("hooktype", hooktype)]);
    }

    public override IKeyStore OpenStore(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, Action<string> warn) =>
        new HookStore(repo, RequiredGitConfig(repo, name, "hooktype", "hooktype"), warn);

    public override string Location(AnnexRepo repo, string name) => repo.Config.Get($"remote.{name}.annex-hooktype") ?? "";

    public override IEnumerable<(string Field, string Value)> Info(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config)
    {
        yield return ("hooktype", Location(repo, name));
    }
}
