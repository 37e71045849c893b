using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>Removing this repository's copy of a key, under its exclusive content lock.</summary>
public static class LocalContent
{
    public static async Task DropAsync(AnnexRepo repo, Key key, CancellationToken ct)
    {
        var store = new ObjectStore(repo.Locations);
        if (store.Has(key))
        {
            using var lk = ContentLock.LockExclusive(repo.Locations, key)
                ?? throw new UserErrorException("content is locked (another process is relying on this copy)");
            store.Remove(key);
        }
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: false, ct);
    }
}
