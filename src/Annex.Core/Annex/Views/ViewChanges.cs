using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex.Views;

/// <summary>
/// Committing in a view changes metadata (Annex/View.hs withViewChanges and fromView, Command/PreCommit.hs):
/// a file removed from a directory loses that directory's value, a file added gains it. Removals are
/// handled before additions, so a move from x/foo/ to x/bar/ keeps the value of x.
/// </summary>
public static class ViewChanges
{
    /// <summary>fromView: the values the file's directories stand for in the view, less the
    /// directory fields its viewed name carries and less the directories of unset values.</summary>
    public static MetaData FromView(View view, string viewedFile)
    {
        var dirs = ViewedFile.DirOf(viewedFile).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var derived = ViewedFile.DirMetaData(ViewedFile.DirFromViewedFile(ViewedFile.FileName(viewedFile)));
        var vals = new List<(string, MetaValue)>();
        var visible = view.Components.Where(c => c.Visible).ToList();
        for (int i = 0; i < Math.Min(visible.Count, dirs.Length); i++)
        {
            var c = visible[i];
            var value = ViewedFile.FromViewPath(dirs[i]);
            if (c.Filter.Unset is { } u && ViewedFile.FromViewPath(u) == value) continue;
            if (derived.Fields.ContainsKey(c.Field)) continue;
            vals.Add((c.Field, MetaValue.Set(value)));
        }
        return new MetaData(vals);
    }

    public static MetaData Unset(MetaData m) =>
        new(m.Fields.SelectMany(f => f.Value.Select(v => (f.Key, MetaValue.Unset(v.Text)))));

    public sealed record Change(string File, Key Key, MetaData MetaData);

    /// <summary>The metadata changes the staged diff against HEAD makes: removals first, then additions.</summary>
    public static async Task<IReadOnlyList<Change>> StagedAsync(AnnexRepo repo, View view, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["diff-index", "-z", "--raw", "--no-renames", "--cached", "HEAD", "--"], ct: ct);
        var parts = Encoding.UTF8.GetString(r.Stdout).Split('\0');
        var items = new List<(string Src, string Dst, string File)>();
        for (int i = 0; i + 1 < parts.Length; i += 2)
        {
            var f = parts[i].Split(' ');
            if (f.Length < 5) break;
            items.Add((f[2], f[3], parts[i + 1]));
        }
        var removes = new List<Change>();
        var adds = new List<Change>();
        foreach (var (src, _, file) in items)
            if (await KeyAsync(repo, src, ct) is { } k) removes.Add(new(file, k, Unset(FromView(view, file))));
        foreach (var (_, dst, file) in items)
            if (await KeyAsync(repo, dst, ct) is { } k) adds.Add(new(file, k, FromView(view, file)));
        return [.. removes, .. adds];
    }

    private static async Task<Key?> KeyAsync(AnnexRepo repo, string sha, CancellationToken ct)
    {
        if (sha.All(c => c == '0')) return null;
        var blob = await repo.CatFile.ReadSmallBlobAsync(sha, WorkTree.MaxPointerSize, ct);
        if (blob == null) return null;
        return WorkTree.KeyFromSymlinkTarget(Encoding.UTF8.GetString(blob)) ?? WorkTree.KeyFromPointer(blob);
    }
}
