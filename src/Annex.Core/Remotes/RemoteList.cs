using Annex.Core.Annex;

namespace Annex.Core.Remotes;

/// <summary>The usable remotes of a repository, of every kind this build speaks to, cheapest first.</summary>
public static class RemoteList
{
    public static async Task<IReadOnlyList<IRemote>> ListAsync(AnnexRepo repo, CancellationToken ct = default)
    {
        var list = new List<IRemote>(await GitRemote.ListAsync(repo, ct));
        return list.OrderBy(r => r.Cost).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }
}
