using Annex.Core.Annex;
using Annex.Core.Logs;

namespace Annex.Cli.Output;

/// <summary>
/// Repository descriptions as git-annex lists them (Remote.hs uuidDescriptions, prettyPrintUUIDs):
/// uuid.log descriptions (plus the built-in web and bittorrent), with remote names added
/// ("desc [name]", or "[name]" when the description is empty or the name itself).
/// </summary>
public sealed class UuidDescriptions
{
    public static readonly Uuid Web = Uuid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Uuid BitTorrent = Uuid.Parse("00000000-0000-0000-0000-000000000002");

    public Uuid Here { get; }
    /// <summary>uuid.log descriptions only (the JSON "description" field).</summary>
    public IReadOnlyDictionary<Uuid, string> Logged { get; }
    /// <summary>Descriptions with remote names added.</summary>
    public IReadOnlyDictionary<Uuid, string> Named { get; }
    /// <summary>remote name by UUID.</summary>
    public IReadOnlyDictionary<Uuid, string> RemoteNameOf { get; }

    private UuidDescriptions(Uuid here, Dictionary<Uuid, string> logged, Dictionary<Uuid, string> named, Dictionary<Uuid, string> names)
    {
        Here = here;
        Logged = logged;
        Named = named;
        RemoteNameOf = names;
    }

    public static async Task<UuidDescriptions> LoadAsync(AnnexRepo repo, CancellationToken ct)
    {
        var logged = new Dictionary<Uuid, string>(await new UuidLogStore(repo).DescriptionsAsync(ct));
        logged.TryAdd(Web, "web");
        logged.TryAdd(BitTorrent, "bittorrent");
        var named = new Dictionary<Uuid, string>(logged);
        var names = new Dictionary<Uuid, string>();
        foreach (var (name, u) in new RemoteNames(repo).RemoteUuids().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!names.TryAdd(u, name)) continue;
            named[u] = named.TryGetValue(u, out var d) ? AddName(d, name) : name;
        }
        return new UuidDescriptions(repo.Uuid, logged, named, names);
    }

    public static string AddName(string desc, string name) =>
        desc == name || desc.Length == 0 ? "[" + name + "]" : desc + " [" + name + "]";

    /// <summary>Every known repository: described in uuid.log or a remote (M.keys order).</summary>
    public IEnumerable<Uuid> All => Named.Keys.OrderBy(u => u.Value, StringComparer.Ordinal);

    /// <summary>One "uuid -- description" line body (prettify), optionally prefixed.</summary>
    public string Pretty(Uuid u, string? prefix = null)
    {
        var n = Named.TryGetValue(u, out var s) ? s : "";
        var here = u == Here;
        var d = n.Length == 0 && here ? "here" : here ? AddName(n, "here") : n;
        return (prefix ?? "") + (d.Length > 0 ? $"{u} -- {d}" : u.Value);
    }

    /// <summary>prettyPrintUUIDs: one tab-indented line per repository.</summary>
    public string PrettyList(IEnumerable<Uuid> uuids) => string.Concat(uuids.Select(u => "\t" + Pretty(u) + "\n"));

    /// <summary>The JSON list prettyPrintUUIDs adds under its header.</summary>
    public List<JsonObject> Json(IEnumerable<Uuid> uuids, Func<Uuid, (string Field, object Value)?>? extra = null) =>
        uuids.Select(u =>
        {
            var o = new JsonObject().Set("uuid", u.Value).Set("description", Named.TryGetValue(u, out var d) ? d : "")
                .Set("here", u == Here);
            if (extra?.Invoke(u) is { } f) o.Set(f.Field, f.Value);
            return o;
        }).ToList();
}
