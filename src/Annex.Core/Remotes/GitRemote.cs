using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Logs;

namespace Annex.Core.Remotes;

/// <summary>
/// A git remote whose URL is a local path (doc/special_remotes/git.mdwn). Its UUID is read from its own
/// config the first time and cached in remote.NAME.annex-uuid, as the reference does; its object store
/// is read directly.
/// </summary>
public sealed class GitRemote
{
    public string Name { get; }
    public Uuid Uuid { get; }
    public GitRepo Repo { get; }
    public int Cost { get; }
    public Locations Locations { get; }

    private GitRemote(string name, Uuid uuid, GitRepo repo, int cost)
    {
        Name = name;
        Uuid = uuid;
        Repo = repo;
        Cost = cost;
        Locations = new Locations(repo.GitDir, repo.IsBare);
    }

    /// <summary>The local-path remotes of <paramref name="repo"/> that are git-annex repositories, cheapest first.</summary>
    public static async Task<IReadOnlyList<GitRemote>> ListAsync(AnnexRepo repo, CancellationToken ct = default)
    {
        var list = new List<GitRemote>();
        foreach (var name in repo.Config.RemoteNames())
        {
            if (repo.Config.GetBool($"remote.{name}.annex-ignore", false)) continue;
            var path = LocalPath(repo, repo.Config.Get($"remote.{name}.url"));
            if (path == null) continue;
            var git = GitRepo.At(path);
            if (git == null) continue;
            var uuid = await UuidOfAsync(repo, name, git, ct);
            if (uuid.IsEmpty) continue;
            var cost = (int)(repo.Config.GetLong($"remote.{name}.annex-cost") ?? 100);
            list.Add(new GitRemote(name, uuid, git, cost));
        }
        return list.OrderBy(r => r.Cost).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A remote URL that names a local directory (a path or file:// URL), made absolute; null otherwise.</summary>
    public static string? LocalPath(AnnexRepo repo, string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        if (url.StartsWith("file://", StringComparison.Ordinal)) url = url["file://".Length..];
        else if (url.Contains("://", StringComparison.Ordinal) || (url.Contains(':') && !url.StartsWith('/') && url.IndexOf(':') < (url.IndexOf('/') < 0 ? int.MaxValue : url.IndexOf('/'))))
            return null; // ssh and other transports
        return Path.GetFullPath(url, repo.Git.TopDir);
    }

    private static async Task<Uuid> UuidOfAsync(AnnexRepo repo, string name, GitRepo git, CancellationToken ct)
    {
        if (Uuid.TryParse(repo.Config.Get($"remote.{name}.annex-uuid") ?? "", out var cached)) return cached;
        var config = await GitConfig.ReadAsync(git, ct);
        if (!Uuid.TryParse(config.Get("annex.uuid") ?? "", out var uuid)) return default;
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        return uuid;
    }
}
