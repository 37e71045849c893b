using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Remotes;

/// <summary>
/// A git remote whose URL is a local path (doc/special_remotes/git.mdwn). Its UUID is read from its own
/// config the first time and cached in remote.NAME.annex-uuid, as the reference does; its object store
/// is read directly.
/// </summary>
public sealed class GitRemote : IRemote
{
    public string Name { get; }
    public Uuid Uuid { get; }
    public GitRepo Repo { get; }
    public int Cost { get; }
    public Locations Locations { get; }
    public bool ReadOnly { get; private init; }
    private AnnexRepo? _remoteRepo;

    private GitRemote(string name, Uuid uuid, GitRepo repo, int cost, GitConfig config)
    {
        Name = name;
        Uuid = uuid;
        Repo = repo;
        Cost = cost;
        // A remote on a crippled filesystem keeps new content where it would itself.
        Locations = new Locations(repo.GitDir, repo.IsBare, Annex.InitFileSystem.IsCrippled(config), config.GetBool("core.symlinks", true));
    }

    /// <summary>The local-path remotes of <paramref name="repo"/> that are git-annex repositories, cheapest first.</summary>
    public static async Task<IReadOnlyList<GitRemote>> ListAsync(AnnexRepo repo, CancellationToken ct = default)
    {
        var list = new List<GitRemote>();
        foreach (var name in repo.Config.RemoteNames())
        {
            if (repo.Config.GetBool($"remote.{name}.annex-ignore", false)) continue;
            // Added from another repository's remote.log and not yet verified (CVE-2026-112818): not used for content.
            if (repo.Config.Get($"remote.{name}.annex-verified") == "manual") continue;
            var path = LocalPath(repo, repo.Config.Get($"remote.{name}.url"));
            if (path == null) continue;
            var git = GitRepo.At(path);
            if (git == null) continue;
            var config = await GitConfig.ReadAsync(git, ct);
            var uuid = await UuidOfAsync(repo, name, config, ct);
            if (uuid.IsEmpty) continue;
            var cost = (int)(repo.Config.GetLong($"remote.{name}.annex-cost") ?? 100);
            list.Add(new GitRemote(name, uuid, git, cost, config) { ReadOnly = repo.Config.GetBool($"remote.{name}.annex-readonly", false) });
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

    public string Location => Repo.WorkTree ?? Repo.GitDir;

    public bool HasKey(Key key) => Locations.PresentObjectPath(key) != null;

    public Task<bool> HasKeyAsync(Key key, CancellationToken ct) => Task.FromResult(HasKey(key));

    public Task<bool> RetrieveAsync(Key key, string? associatedFile, long offset, Stream destination,
        Action<long, long?>? progress, CancellationToken ct)
    {
        var obj = Locations.PresentObjectPath(key) ?? throw new UserErrorException($"not available in {Name}");
        return Task.FromResult(Transfer.CopyFrom(obj, offset, destination, progress, ct));
    }

    public Task<CopyLock?> TryLockContentAsync(Key key, CancellationToken ct) =>
        Task.FromResult(CopyLock.Local(Locations, key));

    /// <summary>Copies a verified object into the remote's store and records it in both repositories' location logs.</summary>
    public async Task SendAsync(AnnexRepo local, Key key, string localObject, string? associatedFile,
        Action<long, long?>? progress, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseIfReadOnly();
        if (!HasKey(key)) await Transfer.FetchAsync(Locations, key, localObject, ct, progress);
        var remote = await RemoteRepoAsync(ct);
        await new LocationLogStore(remote).SetAsync(key, Uuid, present: true, ct);
        // The remote's unlocked files with this key get their content, as its own get would do.
        if (!Repo.IsBare) await LocalContent.PopulateAsync(remote, key, null, ct);
        await new LocationLogStore(local).SetAsync(key, Uuid, present: true, ct);
    }

    /// <summary>
    /// Removes the remote's copy. The caller holds a <see cref="DropProof"/>; this takes the remote's
    /// exclusive content lock so no one is relying on that copy at the moment it goes.
    /// </summary>
    public async Task RemoveAsync(AnnexRepo local, Key key, DropProof proof, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseIfReadOnly();
        if (!Repo.IsBare)
        {
            // A remote with a work tree drops as it would itself: its unlocked copies go back to pointers.
            await LocalContent.DropAsync(await RemoteRepoAsync(ct), key, ct);
            await new LocationLogStore(local).SetAsync(key, Uuid, present: false, ct);
            return;
        }
        if (HasKey(key))
        {
            using var lk = ContentLock.LockExclusive(Locations, key)
                ?? throw new UserErrorException($"content is locked in {Name}");
            new ObjectStore(Locations).Remove(key);
        }
        await new LocationLogStore(await RemoteRepoAsync(ct)).SetAsync(key, Uuid, present: false, ct);
        await new LocationLogStore(local).SetAsync(key, Uuid, present: false, ct);
    }

    private void RefuseIfReadOnly()
    {
        if (ReadOnly) throw new UserErrorException($"{Name} is a read-only remote (remote.{Name}.annex-readonly)");
    }

    /// <summary>The remote opened as a repository of its own, for writing its git-annex branch.</summary>
    private async Task<AnnexRepo> RemoteRepoAsync(CancellationToken ct) =>
        _remoteRepo ??= await AnnexRepo.OpenAsync(Repo, ct: ct);

    /// <summary>Commits what this command recorded in the remote's git-annex branch.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_remoteRepo == null) return;
        await _remoteRepo.Branch.CommitAsync();
        await _remoteRepo.DisposeAsync();
        _remoteRepo = null;
    }

    private static async Task<Uuid> UuidOfAsync(AnnexRepo repo, string name, GitConfig config, CancellationToken ct)
    {
        if (Uuid.TryParse(repo.Config.Get($"remote.{name}.annex-uuid") ?? "", out var cached)) return cached;
        if (!Uuid.TryParse(config.Get("annex.uuid") ?? "", out var uuid)) return default;
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        return uuid;
    }
}
