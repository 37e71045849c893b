using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>How many copies of a key the location logs record, leaving out dead repositories.</summary>
public static class CopyCounting
{
    public static async Task<int> CountAsync(AnnexRepo repo, Key key, CancellationToken ct = default)
    {
        var present = await new LocationLogStore(repo).PresentAsync(key, ct);
        var trust = await new TrustLogStore(repo).LevelsAsync(ct);
        return present.Count(u => !trust.TryGetValue(u, out var l) || l != TrustLevel.Dead);
    }
}
