using System.Text;
using Annex.Core.Logs;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// The output of `git-annex-shell configlist` (Command/ConfigList.hs): "key=value" lines, in practice
/// annex.uuid=U then core.gcrypt-id=ID (possibly empty). Parsed like git-annex's Git.Config ConfigList
/// reader: a line without '=' is a key with an empty value.
/// </summary>
public sealed record ConfigList(IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Any configuration at all: with none, the remote has no usable git-annex-shell.</summary>
    public bool HasConfig => Values.Count > 0;

    public Uuid Uuid => Values.TryGetValue("annex.uuid", out var u) && Uuid.TryParse(u, out var uuid) ? uuid : default;

    /// <summary>core.gcrypt-id, or null when absent or empty (an ordinary git-annex remote).</summary>
    public string? GcryptId => Values.TryGetValue("core.gcrypt-id", out var g) && g.Length > 0 ? g : null;

    public static ConfigList Parse(ReadOnlySpan<byte> output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in Encoding.UTF8.GetString(output).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            int eq = line.IndexOf('=');
            // git config keys are case-insensitive in section and name; the reference lowercases them too.
            var key = (eq < 0 ? line : line[..eq]).ToLowerInvariant();
            values[key] = eq < 0 ? "" : line[(eq + 1)..];
        }
        return new ConfigList(values);
    }
}
