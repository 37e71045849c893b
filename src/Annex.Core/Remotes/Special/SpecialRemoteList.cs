using Annex.Core.Annex;
using Annex.Core.Logs;

namespace Annex.Core.Remotes.Special;

/// <summary>
/// The special remotes enabled in this clone: git remotes with a remote.NAME.annex-uuid and a type's marker
/// config (annex-directory, annex-hooktype, annex-rsyncurl), their configuration read from remote.log.
/// </summary>
public static class SpecialRemoteList
{
    public static async Task<IReadOnlyList<SpecialRemote>> ListAsync(AnnexRepo repo, Action<string> warn, CancellationToken ct)
    {
        var list = new List<SpecialRemote>();
        IReadOnlyDictionary<Uuid, IReadOnlyDictionary<string, string>>? configs = null;
        foreach (var name in repo.Config.RemoteNames())
        {
            if (repo.Config.GetBool($"remote.{name}.annex-ignore", false)) continue;
            var type = SpecialRemoteTypes.Implemented.FirstOrDefault(t => repo.Config.Get($"remote.{name}.annex-{t.GitConfigField}") != null);
            if (type == null) continue;
            if (!Uuid.TryParse(repo.Config.Get($"remote.{name}.annex-uuid") ?? "", out var uuid)) continue;
            configs ??= await new RemoteConfigStore(repo).ConfigsAsync(ct);
            var logged = configs.TryGetValue(uuid, out var c) ? c : new Dictionary<string, string>();
            var verification = new RemoteVerification(repo);
            // A verified remote runs with the configuration the user confirmed, not a later one from the branch.
            // Autoenabled by init: readable before it is verified (writes anywhere are refused meanwhile).
            bool automatic = repo.Config.Get($"remote.{name}.annex-verified") == "automatic";
            bool pending = !automatic && verification.StateOf(uuid, configs) == VerificationState.Pending;
            var config = pending || automatic ? logged : verification.VerifiedConfig(uuid)!;
            list.Add(new SpecialRemote(repo, name, uuid, type, config, type.OpenStore(repo, name, config, warn), type.Location(repo, name))
                { Unverified = pending });
        }
        return list;
    }
}
