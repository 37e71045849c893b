using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>
/// The repository's git config, read once (`git config -z --list`) as git-annex does, plus
/// `-c name=value` overrides from the command line. Keys are compared as git does: section and
/// variable case-insensitively, subsection (remote name) case-sensitively.
/// </summary>
public sealed class GitConfig
{
    private readonly Dictionary<string, List<string>> _values;

    private GitConfig(Dictionary<string, List<string>> values) => _values = values;

    public static GitConfig Empty() => new(new Dictionary<string, List<string>>());

    public static async Task<GitConfig> ReadAsync(GitRepo repo, CancellationToken ct = default)
    {
        var r = await GitCli.RunAsync(repo, ["config", "-z", "--list"], ct: ct);
        return Parse(r.Stdout);
    }

    /// <summary>Parses `git config -z --list` output: entries "key\nvalue\0" (a key alone means a bare boolean true).</summary>
    public static GitConfig Parse(ReadOnlySpan<byte> data)
    {
        var d = new Dictionary<string, List<string>>();
        foreach (var entry in Encoding.UTF8.GetString(data).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            int nl = entry.IndexOf('\n');
            var key = nl < 0 ? entry : entry[..nl];
            var value = nl < 0 ? "true" : entry[(nl + 1)..];
            Add(d, key, value);
        }
        return new GitConfig(d);
    }

    private static void Add(Dictionary<string, List<string>> d, string key, string value)
    {
        var k = Normalize(key);
        if (!d.TryGetValue(k, out var list)) d[k] = list = [];
        list.Add(value);
    }

    public static string Normalize(string key)
    {
        int first = key.IndexOf('.'), last = key.LastIndexOf('.');
        if (first < 0) return key.ToLowerInvariant();
        if (first == last) return key.ToLowerInvariant();
        return key[..first].ToLowerInvariant() + key[first..last] + key[last..].ToLowerInvariant();
    }

    /// <summary>Applies a `-c name=value` override (last one wins, as with git).</summary>
    public void Override(string name, string value) => _values[Normalize(name)] = [value];

    public string? Get(string key) => _values.TryGetValue(Normalize(key), out var l) ? l[^1] : null;

    public IReadOnlyList<string> GetAll(string key) => _values.TryGetValue(Normalize(key), out var l) ? l : [];

    public bool GetBool(string key, bool dflt)
    {
        var v = Get(key);
        if (v == null) return dflt;
        return ParseBool(v) ?? dflt;
    }

    public static bool? ParseBool(string v) => v.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" or "" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };

    public long? GetLong(string key) => long.TryParse(Get(key), out var n) ? n : null;

    /// <summary>All keys (normalized) that start with <paramref name="prefix"/>.</summary>
    public IEnumerable<string> KeysWithPrefix(string prefix) =>
        _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Names of git remotes, in the order first seen (remote.NAME.url or remote.NAME.annex-*).</summary>
    public IReadOnlyList<string> RemoteNames()
    {
        var names = new List<string>();
        foreach (var k in _values.Keys)
        {
            if (!k.StartsWith("remote.", StringComparison.Ordinal)) continue;
            int last = k.LastIndexOf('.');
            if (last <= 7) continue;
            var name = k[7..last];
            if (!names.Contains(name)) names.Add(name);
        }
        return names;
    }

    /// <summary>Sets a value in the repository's config file and here.</summary>
    public async Task SetAsync(GitRepo repo, string key, string value, CancellationToken ct = default)
    {
        var r = await GitCli.RunAsync(repo, ["config", key, value], ct: ct);
        if (!r.Ok) throw new UserErrorException($"git config {key} failed: {r.Stderr.Trim()}");
        _values[Normalize(key)] = [value];
    }

    public async Task UnsetAsync(GitRepo repo, string key, CancellationToken ct = default)
    {
        await GitCli.RunAsync(repo, ["config", "--unset-all", key], ct: ct);
        _values.Remove(Normalize(key));
    }
}
