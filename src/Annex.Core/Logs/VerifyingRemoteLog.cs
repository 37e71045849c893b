using System.Globalization;
using System.Text;

namespace Annex.Core.Logs;

/// <summary>One configuration shown to the user for verification, under the ID they are asked to type.</summary>
public sealed record PendingVerification(LogTimestamp Shown, long Id, IReadOnlyDictionary<string, string> Config);

/// <summary>
/// .git/annex/verifying-remote.log (git-annex 10.20261026, CVE-2026-112818): the special remote configurations
/// enableremote or verifyremote displayed, one per line as <c>&lt;ts&gt; &lt;id&gt; &lt;config&gt;</c>
/// (<c>1795495044s 1 encryption=none name=dr type=directory</c>); the config is written as in remote.log.
/// `verifyremote NAME --safe ID` accepts exactly the configuration shown under that ID. Lines that do not parse
/// are dropped: an ID that cannot be read can never be accepted.
/// </summary>
public static class VerifyingRemoteLog
{
    public static IReadOnlyList<PendingVerification> Parse(string text)
    {
        var list = new List<PendingVerification>();
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 2 || !LogTimestamp.TryParse(parts[0], out var ts)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            RemoteConfigLog.TryParseValue(parts.Length > 2 ? parts[2] : "", out var config);
            list.Add(new PendingVerification(ts, id, config));
        }
        return list;
    }

    public static string Format(IEnumerable<PendingVerification> entries)
    {
        var sb = new StringBuilder();
        foreach (var e in entries)
            sb.Append(e.Shown).Append(' ').Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(RemoteConfigLog.FormatValue(e.Config)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The next ID: one more than the highest still pending (so IDs are reused once accepted, as the reference does).</summary>
    public static long NextId(IReadOnlyList<PendingVerification> entries) => entries.Count == 0 ? 1 : entries.Max(e => e.Id) + 1;
}
