using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Turns what a user types for a repository ("here", ".", a remote name, a UUID, a description)
/// into a UUID, as the reference's --in/--from/--to/trust commands accept it.
/// </summary>
public sealed class RemoteNames(AnnexRepo repo)
{
    /// <summary>remote.NAME.annex-uuid for each configured git remote.</summary>
    public IReadOnlyDictionary<string, Uuid> RemoteUuids()
    {
        var d = new Dictionary<string, Uuid>(StringComparer.Ordinal);
        foreach (var name in repo.Config.RemoteNames())
            if (Uuid.TryParse(repo.Config.Get($"remote.{name}.annex-uuid") ?? "", out var u)) d[name] = u;
        return d;
    }

    public async Task<Uuid> ResolveAsync(string name, CancellationToken ct = default)
    {
        if (name is "here" or ".") return repo.Uuid;
        if (RemoteUuids().TryGetValue(name, out var u)) return u;
        var descriptions = await new UuidLogStore(repo).DescriptionsAsync(ct);
        if (Uuid.TryParse(name, out var asUuid) && descriptions.ContainsKey(asUuid)) return asUuid;
        var byDesc = descriptions.Where(kv => kv.Value == name).Select(kv => kv.Key).ToList();
        if (byDesc.Count == 1) return byDesc[0];
        if (Uuid.TryParse(name, out asUuid) && name.Length == 36) return asUuid;
        throw new UserErrorException($"there is no available git remote named \"{name}\"");
    }

    /// <summary>The remote name for a UUID, if it is one of ours.</summary>
    public string? NameOf(Uuid uuid) => RemoteUuids().FirstOrDefault(kv => kv.Value == uuid).Key;
}
