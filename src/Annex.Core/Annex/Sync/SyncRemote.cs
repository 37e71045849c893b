using Annex.Core.Git;

namespace Annex.Core.Annex.Sync;

/// <summary>
/// A git remote as sync sees it (doc/git-annex-sync.mdwn, doc/git-annex.mdwn remote.NAME.*): something
/// git can fetch from and push to, with the annex-sync / annex-pull / annex-push / annex-readonly
/// switches, ordered by annex-cost (100 for local paths, 200 otherwise).
/// </summary>
public sealed record SyncRemote(string Name, string Url, int Cost, bool Sync, bool Pull, bool Push, bool ReadOnly, bool Ignore)
{
    public static IReadOnlyList<SyncRemote> All(AnnexRepo repo)
    {
        var c = repo.Config;
        var list = new List<SyncRemote>();
        foreach (var name in c.RemoteNames())
        {
            var url = c.Get($"remote.{name}.url");
            // Special remotes (no url, or git-remote-annex's annex:: urls) hold no git branches.
            if (string.IsNullOrEmpty(url) || url.StartsWith("annex::", StringComparison.Ordinal)) continue;
            bool local = !url.Contains("://", StringComparison.Ordinal) && !IsScpLike(url) || url.StartsWith("file://", StringComparison.Ordinal);
            var cost = (int)(c.GetLong($"remote.{name}.annex-cost") ?? (local ? 100 : 200));
            list.Add(new SyncRemote(name, url, cost,
                Sync: c.GetBool($"remote.{name}.annex-sync", true),
                Pull: c.GetBool($"remote.{name}.annex-pull", true),
                Push: c.GetBool($"remote.{name}.annex-push", true),
                ReadOnly: c.GetBool($"remote.{name}.annex-readonly", false),
                Ignore: c.GetBool($"remote.{name}.annex-ignore", false)));
        }
        // A stable sort: remotes of equal cost keep the order git's config lists them in.
        return list.OrderBy(r => r.Cost).ToList();
    }

    /// <summary>
    /// The remotes to sync with: those named (a name that is no git remote is an error), or else every
    /// remote whose annex-sync is not false.
    /// </summary>
    /// <param name="allowNone">The user named only remotes that are not git remotes (special remotes): no git remote is synced.</param>
    public static IReadOnlyList<SyncRemote> Select(IReadOnlyList<SyncRemote> all, IReadOnlyList<string> names, bool allowNone = false)
    {
        if (names.Count == 0) return allowNone ? [] : all.Where(r => r.Sync).ToList();
        var picked = new List<SyncRemote>();
        foreach (var n in names)
        {
            var r = all.FirstOrDefault(x => x.Name == n)
                ?? throw new Utility.UserErrorException($"there is no available git remote named \"{n}\"");
            if (!picked.Contains(r)) picked.Add(r);
        }
        return picked;
    }

    private static bool IsScpLike(string url)
    {
        int colon = url.IndexOf(':');
        if (colon <= 0) return false;
        int slash = url.IndexOf('/');
        return slash < 0 || colon < slash;
    }
}
