using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;

namespace Annex.Core.Annex.Adjust;

/// <summary>One entry of a tree: mode ("100644", "120000"...), blob sha and path from the top.</summary>
public sealed record TreeItem(string Mode, string Sha, string Path)
{
    public bool IsSymlink => Mode == UpdateIndex.SymlinkMode;
}

/// <summary>
/// Adjusting the items of a tree (Annex/AdjustedBranch.hs adjustTreeItem, Git/Tree.hs adjustTree): symlinks
/// become pointer files and back, missing content is hidden. Trees are rebuilt through a temporary index
/// (read-tree, update-index --index-info, write-tree), so only the changed entries are written.
/// </summary>
public sealed class AdjustTree(AnnexRepo repo)
{
    private readonly ObjectStore _store = new(repo.Locations);

    /// <summary>The adjusted item, or null when the item is hidden.</summary>
    public async Task<TreeItem?> AdjustItemAsync(Adjustment adj, TreeItem ti, CancellationToken ct)
    {
        if (adj.LockUnlockPresent is { } lu)
            return lu == LockUnlockPresentAdjustment.UnlockPresent
                ? await IfPresentAsync(ti, t => ToPointerAsync(t, ct), t => ToSymlinkAsync(t, ct), ct)
                : ti.IsSymlink ? ti : await ToSymlinkAsync(ti, ct);
        if (adj.Presence == PresenceAdjustment.HideMissing)
        {
            var kept = await IfPresentAsync(ti, t => Task.FromResult<TreeItem?>(t), _ => Task.FromResult<TreeItem?>(null), ct);
            if (kept == null) return null;
            ti = kept;
        }
        return adj.Link switch
        {
            LinkAdjustment.Unlock => ti.IsSymlink ? await ToPointerAsync(ti, ct) : ti,
            LinkAdjustment.Lock => ti.IsSymlink ? ti : await ToSymlinkAsync(ti, ct),
            // Symlinks point through this repository's real git directory (which is .git unless GIT_DIR or
            // core.worktree put it elsewhere); unfix, the reverse of fix, puts them back at .git.
            LinkAdjustment.Fix => ti.IsSymlink ? await ToSymlinkAsync(ti, ct) : ti,
            LinkAdjustment.UnFix => ti.IsSymlink ? await ToSymlinkAsync(ti, ct, canonical: true) : ti,
            _ => ti,
        };
    }

    public async Task<Key?> KeyOfAsync(string blobSha, CancellationToken ct)
    {
        var blob = await repo.CatFile.ReadSmallBlobAsync(blobSha, WorkTree.MaxPointerSize, ct);
        return blob == null ? null : UnusedKeys.KeyOfBlob(blob);
    }

    private async Task<TreeItem?> IfPresentAsync(TreeItem ti, Func<TreeItem, Task<TreeItem?>> present,
        Func<TreeItem, Task<TreeItem?>> missing, CancellationToken ct)
    {
        var key = await KeyOfAsync(ti.Sha, ct);
        if (key == null) return ti;
        return _store.Has(key) ? await present(ti) : await missing(ti);
    }

    private async Task<TreeItem?> ToPointerAsync(TreeItem ti, CancellationToken ct)
    {
        var key = await KeyOfAsync(ti.Sha, ct);
        if (key == null) return ti;
        // As adjustToPointer does: the unlocked file is known before checkout, so get and drop keep it in step.
        repo.KeysDb.AddAssociatedFile(key, ti.Path);
        bool exe = _store.PathOf(key) is { } obj && (File.GetUnixFileMode(obj) & UnixFileMode.UserExecute) != 0;
        var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(WorkTree.PointerContent(key)), ct);
        return new TreeItem(exe ? "100755" : "100644", sha, ti.Path);
    }

    private async Task<TreeItem?> ToSymlinkAsync(TreeItem ti, CancellationToken ct, bool canonical = false)
    {
        var key = await KeyOfAsync(ti.Sha, ct);
        if (key == null) return ti;
        var target = canonical ? Locations.SymlinkTarget(key, ti.Path) : repo.LinkTarget(key, ti.Path);
        var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(target), ct);
        return new TreeItem(UpdateIndex.SymlinkMode, sha, ti.Path);
    }

    /// <summary>The tree of <paramref name="commitish"/> with every blob adjusted.</summary>
    public async Task<string> AdjustWholeTreeAsync(Adjustment adj, string commitish, CancellationToken ct)
    {
        var items = await ListAsync(commitish, ct);
        var changes = new List<(TreeItem Old, TreeItem? New)>();
        foreach (var ti in items)
        {
            if (ti.Mode is "160000" or "040000") continue;
            var n = await AdjustItemAsync(adj, ti, ct);
            if (n != ti) changes.Add((ti, n));
        }
        return await ApplyAsync(commitish, changes.Select(c => c.New ?? new TreeItem("0", NullSha, c.Old.Path)), ct);
    }

    public const string NullSha = "0000000000000000000000000000000000000000";

    public async Task<List<TreeItem>> ListAsync(string commitish, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["ls-tree", "-r", "-z", "--full-tree", commitish], ct: ct);
        var list = new List<TreeItem>();
        foreach (var rec in r.StdoutText.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            int tab = rec.IndexOf('\t');
            var meta = rec[..tab].Split(' ');
            list.Add(new TreeItem(meta[0], meta[2], rec[(tab + 1)..]));
        }
        return list;
    }

    /// <summary>
    /// Writes the tree of <paramref name="baseCommitish"/> with the given entries replaced, added, or removed
    /// (mode "0"), using a throwaway index so the user's index is untouched.
    /// </summary>
    public async Task<string> ApplyAsync(string baseCommitish, IEnumerable<TreeItem> changes, CancellationToken ct)
    {
        Directory.CreateDirectory(repo.Locations.OtherTmpDir);
        var index = Path.Combine(repo.Locations.OtherTmpDir, "adjust-index." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = index };
        try
        {
            await GitCli.ReadAsync(repo.Git, ["read-tree", baseCommitish], env: env, ct: ct);
            var sb = new StringBuilder();
            foreach (var c in changes) sb.Append(c.Mode).Append(' ').Append(c.Sha).Append('\t').Append(c.Path).Append('\0');
            if (sb.Length > 0)
                await GitCli.ReadAsync(repo.Git, ["update-index", "-z", "--index-info"], Encoding.UTF8.GetBytes(sb.ToString()), env, ct);
            return await Refs.WriteTreeAsync(repo.Git, env, ct);
        }
        finally
        {
            File.Delete(index);
        }
    }
}
