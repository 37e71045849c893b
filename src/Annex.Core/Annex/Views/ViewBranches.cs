using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Views;

/// <summary>
/// Building and tracking view branches (Annex/View.hs applyView', genViewBranch; Logs/View.hs).
/// A view branch is a parentless commit of a tree staged in .git/annex/viewindex; its message is
/// the branch's full name.
/// </summary>
public sealed class ViewBranches(AnnexRepo repo)
{
    private string ViewLogPath => Path.Combine(repo.Locations.AnnexDir, "viewlog");
    private string ViewIndexPath => Path.Combine(repo.Locations.AnnexDir, "viewindex");

    public string UnsetDirectory => repo.Config.Get("annex.viewunsetdirectory") ?? "_";

    public IReadOnlyList<View> Recent() =>
        File.Exists(ViewLogPath) ? ViewLog.Parse(File.ReadAllText(ViewLogPath)) : [];

    private void Write(IEnumerable<View> views)
    {
        Directory.CreateDirectory(repo.Locations.AnnexDir);
        AtomicFile.WriteText(ViewLogPath, ViewLog.Format(views));
    }

    public void SetView(View v) => Write(ViewLog.Add(Recent(), v));
    public void RemoveView(View v) => Write(Recent().Where(o => !o.Equals(v)));

    /// <summary>currentView: the checked out branch is a view branch named by a view in the log,
    /// perhaps with an adjustment ("unlocked", ...) applied to it.</summary>
    public async Task<(View View, string? Adjustment)?> CurrentAsync(CancellationToken ct)
    {
        var b = await Refs.CurrentBranchAsync(repo.Git, ct);
        if (b == null) return null;
        string? adj = null;
        if (ViewLog.AdjustedToOriginal(b) is { } a) (adj, b) = a;
        if (!b.StartsWith(ViewLog.BranchPrefix, StringComparison.Ordinal)) return null;
        return Recent().FirstOrDefault(v => ViewLog.Names(v, b)) is { } view ? (view, adj) : null;
    }

    /// <summary>applyView (reuse=false: names made from the paths of the current branch) or narrowView
    /// (reuse=true: the current view's file names kept, their directory metadata read back from them).
    /// Stages the view's files in the view index and commits the view branch; returns its name.</summary>
    public async Task<string> BuildAsync(View view, string? adjustment, bool reuse, CancellationToken ct)
    {
        var entries = new List<IndexEntry>();
        await foreach (var e in LsFiles.StagedAsync(repo.Git, [], ct))
            if (e.Stage <= 1) entries.Add(e);
        var env = await StageAsync(view, adjustment, reuse, entries, ct);
        var branch = ViewLog.BranchName(view, adjustment);
        var tree = await Refs.WriteTreeAsync(repo.Git, env, ct);
        var commit = await Refs.CommitTreeAsync(repo.Git, tree, [], branch, ct);
        await Refs.UpdateAsync(repo.Git, branch, commit, ct);
        return branch;
    }

    /// <summary>updateView: the view rebuilt from its parent branch and the current metadata. Returns a
    /// commit on top of the view branch when its tree changed ("updated refs/heads/views/..."), without
    /// moving the branch; null when nothing changed.</summary>
    public async Task<string?> UpdateAsync(View view, string? adjustment, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["ls-tree", "-r", "-z", "--full-tree", view.ParentBranch], ct: ct);
        var entries = new List<IndexEntry>();
        foreach (var item in Encoding.UTF8.GetString(r.Stdout).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            int tab = item.IndexOf('\t');
            var f = item[..tab].Split(' ');
            if (f[1] == "blob") entries.Add(new IndexEntry(f[0], f[2], 0, item[(tab + 1)..]));
        }
        var env = await StageAsync(view, adjustment, false, entries, ct);
        var branch = ViewLog.BranchName(view, adjustment);
        var old = await Refs.ShaOfAsync(repo.Git, branch, ct);
        var oldTree = old == null ? null : (await GitCli.ReadAsync(repo.Git, ["rev-parse", old + "^{tree}"], ct: ct)).Trim();
        var tree = await Refs.WriteTreeAsync(repo.Git, env, ct);
        if (tree == oldTree) return null;
        return await Refs.CommitTreeAsync(repo.Git, tree, old == null ? [] : [old], "updated " + branch, ct);
    }

    /// <summary>applyView'': stages in a fresh view index where each file appears in the view.</summary>
    private async Task<Dictionary<string, string?>> StageAsync(View view, string? adjustment, bool reuse,
        IReadOnlyList<IndexEntry> entries, CancellationToken ct)
    {
        int? maxExtLen = int.TryParse(repo.Config.Get("annex.maxextensionlength"), out var l) ? l : null;
        int? maxExts = int.TryParse(repo.Config.Get("annex.maxextensions"), out var m) ? m : null;
        File.Delete(ViewIndexPath);
        var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = ViewIndexPath };
        var matcher = new ViewMatcher(view);
        var store = new MetadataStore(repo);
        await using (var ui = new UpdateIndex(repo.Git, env))
        {
            foreach (var e in entries)
            {
                var key = await KeyOfAsync(e, ct);
                if (key == null)
                {
                    if (e.Path.StartsWith('.')) await ui.StageAsync(e.Mode, e.Sha, e.Path, ct);
                    continue;
                }
                var dirMeta = reuse
                    ? ViewedFile.DirMetaData(ViewedFile.DirFromViewedFile(ViewedFile.FileName(e.Path)))
                    : ViewedFile.DirMetaData(ViewedFile.DirOf(e.Path));
                var meta = dirMeta.Union(await store.GetAsync(key, ct));
                var name = reuse ? ViewedFile.FileName(e.Path) : ViewedFile.FromReference(e.Path, maxExtLen, maxExts);
                foreach (var vf in matcher.ViewedFiles(name, meta))
                {
                    bool present = repo.Locations.PresentObjectPath(key) != null;
                    bool? pointer = adjustment switch
                    {
                        "unlocked" => true,
                        "unlockpresent" => present,
                        "hidemissing-unlocked" => present ? true : null,
                        "hidemissing" or "hidemissing-locked" or "hidemissing-fixed" or "hidemissing-unfixed" => present ? false : null,
                        _ => false,
                    };
                    if (pointer == null) continue;
                    if (pointer == true)
                    {
                        var psha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(WorkTree.PointerContent(key)), ct);
                        await ui.StageAsync(e.Mode == UpdateIndex.ExecMode ? UpdateIndex.ExecMode : UpdateIndex.FileMode, psha, vf, ct);
                        continue;
                    }
                    var target = repo.LinkTarget(key, vf);
                    var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(target), ct);
                    await ui.StageAsync(UpdateIndex.SymlinkMode, sha, vf, ct);
                }
            }
        }
        return env;
    }

    private async Task<Key?> KeyOfAsync(IndexEntry e, CancellationToken ct)
    {
        var blob = await repo.CatFile.ReadSmallBlobAsync(e.Sha, WorkTree.MaxPointerSize, ct);
        if (blob == null) return null;
        return e.IsSymlink ? WorkTree.KeyFromSymlinkTarget(Encoding.UTF8.GetString(blob)) : WorkTree.KeyFromPointer(blob);
    }
}
