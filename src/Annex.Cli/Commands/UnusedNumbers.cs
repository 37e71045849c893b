using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>Where a number from the last `git annex unused` points: an object, a file fsck kept in bad/, or a partial transfer in tmp/.</summary>
public enum UnusedKind { Object, Bad, Tmp }

/// <summary>
/// The seek stage of dropunused and addunused (Command/Unused.hs withUnusedMaps): the NUMBER, N-M and
/// "all" arguments resolved against the logs written by the last `git annex unused`. A bad argument or
/// an unknown number stops the command there, as the reference does.
/// </summary>
public static class UnusedNumbers
{
    public static IEnumerable<(int Number, Key Key, UnusedKind Kind)> Resolve(AnnexRepo repo, IReadOnlyList<string> specs)
    {
        var maps = new (UnusedKind Kind, Dictionary<int, Key> Map)[]
        {
            (UnusedKind.Object, ToMap(UnusedKeys.ReadLog(repo.Locations, ""))),
            (UnusedKind.Bad, ToMap(UnusedKeys.ReadLog(repo.Locations, "bad"))),
            (UnusedKind.Tmp, ToMap(UnusedKeys.ReadLog(repo.Locations, "tmp"))),
        };
        var known = maps.SelectMany(m => m.Map.Keys).ToHashSet();
        foreach (var spec in specs)
        {
            // The reference's message ends with a blank line.
            var numbers = UnusedLog.ParseSpec(spec, known)
                ?? throw new UserErrorException($"Expected number or range, not \"{spec}\"\n");
            foreach (var n in numbers)
            {
                var hit = maps.FirstOrDefault(m => m.Map.ContainsKey(n));
                if (hit.Map == null) throw new UserErrorException($"{n} not valid (run git annex unused for list)\n");
                yield return (n, hit.Map[n], hit.Kind);
            }
        }
    }

    private static Dictionary<int, Key> ToMap(IReadOnlyList<UnusedEntry> entries)
    {
        var m = new Dictionary<int, Key>();
        foreach (var e in entries) m[e.Number] = e.Key;
        return m;
    }

    /// <summary>The file a bad/ or tmp/ number refers to.</summary>
    public static string WorkFile(AnnexRepo repo, Key key, UnusedKind kind) =>
        Path.Combine(kind == UnusedKind.Bad ? repo.Locations.BadDir : repo.Locations.TmpDir, KeyFile.Escape(key));

    public static void StartItem(CommandContext ctx, string verb, int n)
    {
        var s = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Messages.StartItem(verb, null, null, s, displayName: s);
    }
}
