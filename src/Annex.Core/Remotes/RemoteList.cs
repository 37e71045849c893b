using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Remotes.Ssh;

namespace Annex.Core.Remotes;

/// <summary>The usable remotes of a repository, of every kind this build speaks to, cheapest first.</summary>
public static class RemoteList
{
    /// <summary>Cost of a remote on another host (Config/Cost.hs expensiveRemoteCost).</summary>
    public const int SshCost = 200;

    /// <param name="warn">Where the first contact with an ssh remote reports problems (no git-annex there, unreachable).</param>
    public static async Task<IReadOnlyList<IRemote>> ListAsync(AnnexRepo repo, Action<string>? warn = null, CancellationToken ct = default)
    {
        var list = new List<IRemote>(await GitRemote.ListAsync(repo, ct));
        foreach (var name in repo.Config.RemoteNames())
            if (await SshRemoteAsync(repo, name, warn ?? (_ => { }), ct) is { } r) list.Add(r);
        list.AddRange(await Special.SpecialRemoteList.ListAsync(repo, warn ?? (_ => { }), ct));
        // The web remote is always there (Remote/Web.hs), unless remote.web.annex-ignore says not to use it.
        if (!repo.Config.GetBool("remote.web.annex-ignore", false)) list.Add(new Web.WebRemote(repo));
        return list.OrderBy(r => r.Cost).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Reads (and caches in remote.NAME.annex-uuid) the UUID of the git repository a remote points to, whatever its
    /// verification state: learning a UUID moves no content. Empty when it is no git-annex repository.
    /// </summary>
    public static async Task<Uuid> LearnUuidAsync(AnnexRepo repo, string name, Action<string> warn, CancellationToken ct)
    {
        var location = repo.Config.Get($"remote.{name}.url");
        Uuid uuid = default;
        if (GitRemote.LocalPath(repo, location) is { } path)
        {
            if (Git.GitRepo.At(path) is { } git && Uuid.TryParse((await Git.GitConfig.ReadAsync(git, ct)).Get("annex.uuid") ?? "", out var u))
                uuid = u;
        }
        else if (location != null && SshUrl.TryParse(location) is { } sshUrl)
        {
            var found = await SshUuidDiscovery.DiscoverAsync(repo, name, sshUrl, SshSettings.ForRemote(repo.Config, repo.Git, name), warn, ct: ct);
            if (found.Outcome == ConfigListOutcome.Annex) uuid = found.Uuid;
        }
        if (!uuid.IsEmpty) await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        return uuid;
    }

    private static async Task<SshRemote?> SshRemoteAsync(AnnexRepo repo, string name, Action<string> warn, CancellationToken ct)
    {
        var config = repo.Config;
        if (config.GetBool($"remote.{name}.annex-ignore", false)) return null;
        if (config.Get($"remote.{name}.annex-verified") == "manual") return null; // awaiting verifyremote
        var location = config.Get($"remote.{name}.url");
        if (string.IsNullOrEmpty(location) || GitRemote.LocalPath(repo, location) != null) return null;
        var url = SshUrl.TryParse(location);
        if (url == null) return null;
        var settings = SshSettings.ForRemote(config, repo.Git, name);
        if (!Uuid.TryParse(config.Get($"remote.{name}.annex-uuid") ?? "", out var uuid))
        {
            var found = await SshUuidDiscovery.DiscoverAsync(repo, name, url, settings, warn, ct: ct);
            if (found.Outcome != ConfigListOutcome.Annex) return null;
            uuid = found.Uuid;
        }
        var cost = (int)(config.GetLong($"remote.{name}.annex-cost") ?? SshCost);
        return new SshRemote(repo, name, uuid, location, url, settings, cost, config.GetBool($"remote.{name}.annex-readonly", false));
    }
}
