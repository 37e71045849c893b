using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Special;

/// <summary>
/// init's autoenabling of special remotes recorded with autoenable=true (Annex/SpecialRemote.hs autoEnable), with
/// the 10.20261026 gate: an autoenabled remote is marked annex-verified=automatic, may be read from at once, but
/// nothing is sent to or removed from any remote, and nothing is pushed, until verifyremote confirms it.
/// </summary>
public static class AutoEnable
{
    /// <param name="side">Where "Auto enabling special remote NAME..." goes.</param>
    /// <param name="warn">Where a remote that cannot be enabled is reported (init still succeeds).</param>
    public static async Task RunAsync(AnnexRepo repo, string cwd, Action<string> side, Action<string> warn, CancellationToken ct)
    {
        var configs = await new RemoteConfigStore(repo).ConfigsAsync(ct);
        var trust = await new TrustLogStore(repo).LevelsAsync(ct);
        var enabled = repo.Config.RemoteNames()
            .Select(n => repo.Config.Get($"remote.{n}.annex-uuid")).Where(u => u != null).ToHashSet(StringComparer.Ordinal);
        new RemoteVerification(repo).EnsureStarted(configs);
        foreach (var (uuid, config) in configs)
        {
            if (!config.TryGetValue("autoenable", out var ae) || ae != "true") continue;
            if (trust.TryGetValue(uuid, out var level) && level == TrustLevel.Dead) continue;
            if (enabled.Contains(uuid.Value) || !config.TryGetValue("name", out var name) || !config.TryGetValue("type", out var type)) continue;
            // git shows remote names unescaped: a control character in one could be used to mislead the user; and a
            // name like an option would be one wherever git is given the remote's name.
            if (name.Any(char.IsControl) || name.StartsWith('-')) continue;
            if (repo.Config.RemoteNames().Contains(name))
            {
                warn($"Cannot auto enable special remote {name} because there is another remote with the same name.");
                continue;
            }
            side($"Auto enabling special remote {name}...");
            try { await EnableOneAsync(repo, name, uuid, type, config, cwd, ct); }
            catch (UserErrorException e) { warn(e.Message); }
        }
    }

    private static async Task EnableOneAsync(AnnexRepo repo, string name, Uuid uuid, string type, IReadOnlyDictionary<string, string> config,
        string cwd, CancellationToken ct)
    {
        if (type == "git")
        {
            await GitRemoteRecord.AddForVerificationAsync(repo, name, config, ct);
            await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-verified", "automatic", ct);
            return;
        }
        var t = SpecialRemoteTypes.Find(type) ?? throw new UserErrorException($"not implemented: special remotes of type {type}");
        var result = t.Setup(repo, name, config, cwd);
        foreach (var (field, value) in result.GitConfig)
            await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-{field}", value, ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-verified", "automatic", ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.skipFetchAll", "true", ct);
    }
}
