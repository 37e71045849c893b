using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// .git/annex/smudge.log (Logs/Smudge.hs): "KEY FILE" lines the reference's smudge filter appends for every
/// pointer it leaves in the work tree, for `git annex smudge --update` (the post-checkout and post-merge hooks)
/// to populate once git is done. Our filter gives content directly and writes none; our --update still empties
/// the log under smudge.lck, processing its entries, so a repository shared with the reference does not keep them.
/// </summary>
public static class SmudgeLog
{
    public static (Key Key, string File)? ParseLine(string line)
    {
        int sp = line.IndexOf(' ');
        if (sp <= 0 || !Key.TryParse(line.AsSpan(0, sp), out var key)) return null;
        return (key, line[(sp + 1)..]);
    }

    /// <summary>Runs <paramref name="process"/> on each entry holding the log's lock, then leaves the log empty.</summary>
    public static async Task StreamAsync(AnnexRepo repo, Func<Key, string, Task> process)
    {
        var log = Path.Combine(repo.Locations.AnnexDir, "smudge.log");
        if (!File.Exists(log)) return;
        using var lk = PosixLock.Take(Path.Combine(repo.Locations.AnnexDir, "smudge.lck"), exclusive: true, wait: true);
        foreach (var line in File.ReadAllLines(log))
            if (ParseLine(line) is { } e) await process(e.Key, e.File);
        File.WriteAllText(log, "");
    }
}
