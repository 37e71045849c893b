using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Special;

/// <summary>
/// initremote/enableremote type=git (Remote/Git.hs gitSetup): a git remote recorded in remote.log (location=URL)
/// so other clones can add it by name. Once added it is an ordinary git remote; until a clone that did not record
/// it verifies it, it is not used for content (CVE-2026-112818: an attacker could point it at the victim's own
/// private repository).
/// </summary>
public static class GitRemoteRecord
{
    public static readonly IReadOnlyList<string> Fields = ["location"];

    public static async Task<Uuid> InitAsync(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, Uuid? requested, CancellationToken ct)
    {
        var location = config.TryGetValue("location", out var l) ? l : throw new UserErrorException("Specify location=url");
        var uuid = await UuidAtAsync(repo, location, ct);
        if (uuid.IsEmpty) throw new UserErrorException("git repository does not have an annex uuid");
        if (requested is { } r && r != uuid) throw new UserErrorException("git repository does not have specified uuid");
        await AddGitRemoteAsync(repo, name, location, ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-verified", "verified", ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        new RemoteVerification(repo).RecordVerified(uuid, config);
        await new UuidLogStore(repo).DescribeAsync(uuid, name, ct);
        await new RemoteConfigStore(repo).SetAsync(uuid, config, ct);
        return uuid;
    }

    /// <summary>
    /// Adds the git remote recorded under the UUID (or keeps the one already added, autoenabled or awaiting
    /// verification), marking it as awaiting verification unless init autoenabled it.
    /// </summary>
    public static async Task AddForVerificationAsync(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> config, CancellationToken ct)
    {
        var location = config.TryGetValue("location", out var l) ? l : throw new UserErrorException("no location");
        if (repo.Config.Get($"remote.{name}.url") is { } existing)
        {
            if (existing != location) throw new UserErrorException($"Not overwriting currently configured git remote named \"{name}\"");
        }
        else await AddGitRemoteAsync(repo, name, location, ct);
        if (repo.Config.Get($"remote.{name}.annex-verified") is null)
            await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-verified", "manual", ct);
    }

    private static async Task AddGitRemoteAsync(AnnexRepo repo, string name, string location, CancellationToken ct)
    {
        if (name.StartsWith('-')) throw new UserErrorException($"refusing a remote name that looks like an option: {name}");
        // Both come from remote.log when enabling: never let either be read as an option of git remote add.
        var r = await GitCli.RunAsync(repo.Git, ["remote", "add", "--", name, location], ct: ct);
        if (!r.Ok) throw new UserErrorException(r.Stderr.Trim().Length > 0 ? r.Stderr.Trim() : $"git remote add {name} failed");
        // git wrote these; setting them again keeps this command's view of the config current.
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.url", location, ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.fetch", $"+refs/heads/*:refs/remotes/{name}/*", ct);
    }

    /// <summary>The annex.uuid of the repository at a local path; other locations are not read yet.</summary>
    private static async Task<Uuid> UuidAtAsync(AnnexRepo repo, string location, CancellationToken ct)
    {
        var path = GitRemote.LocalPath(repo, location)
            ?? throw new UserErrorException($"not implemented: initremote type=git with a location that is not a local path ({location})");
        var git = GitRepo.At(path) ?? throw new UserErrorException("git repository does not have an annex uuid");
        var config = await GitConfig.ReadAsync(git, ct);
        return Uuid.TryParse(config.Get("annex.uuid") ?? "", out var u) ? u : default;
    }
}
