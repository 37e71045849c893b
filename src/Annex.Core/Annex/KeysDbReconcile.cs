using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>
/// Brings the keys database up to date with the index (Database/Keys.hs reconcileStaged): the index is
/// written as a tree, diffed against the tree recorded in refs/annex/last-index (upstream's ref, so the two
/// implementations share the bookkeeping), and every changed path whose old or new blob names a key loses or
/// gains its association. A pointer file whose content is present is populated, as upstream does, so a file
/// checked out before `git annex init` installed the filter still gets its content.
/// </summary>
public static class KeysDbReconcile
{
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private const string LastIndexRef = "refs/annex/last-index";
    private static readonly string[] BypassFilter =
        ["-c", "filter.annex.smudge=", "-c", "filter.annex.clean=", "-c", "filter.annex.process="];

    /// <summary>Returns the paths of pointer files it populated (the caller restages them).</summary>
    public static async Task<List<string>> RunAsync(AnnexRepo repo, Database.KeysDb db, CancellationToken ct)
    {
        var populated = new List<string>();
        if (repo.Git.IsBare) return populated;
        // In the filter git holds the index: no tree can be written, so the index is diffed directly (--cached)
        // and the last-index ref stays as it was, to be caught up by the next command.
        string? newTree = null;
        if (!repo.InFilter)
        {
            var wt = await GitCli.RunAsync(repo.Git, [.. BypassFilter, "write-tree"], ct: ct);
            if (wt.Ok) newTree = wt.StdoutText.Trim();
        }
        var old = await GitCli.RunAsync(repo.Git, ["rev-parse", "--verify", "-q", LastIndexRef + "^{tree}"], ct: ct);
        var oldTree = old.Ok ? old.StdoutText.Trim() : EmptyTree;
        if (oldTree == newTree) return populated;
        var diff = await GitCli.RunAsync(repo.Git,
            [.. BypassFilter, "-c", "diff.external=", "diff", oldTree, newTree ?? "--cached", "--raw", "-z", "--no-abbrev",
             "-G/annex/objects/", "--no-renames", "--ignore-submodules=all", "--no-textconv", "--no-ext-diff"], ct: ct);
        if (!diff.Ok) return populated;
        var parts = diff.StdoutText.Split('\0');
        var store = new ObjectStore(repo.Locations);
        for (int i = 0; i + 1 < parts.Length; i += 2)
        {
            var info = parts[i];
            var file = parts[i + 1];
            if (!info.StartsWith(':')) break;
            var w = info.Split(' ');
            if (w.Length < 5) break;
            if (await KeyOfBlobAsync(repo, w[2], w[0].TrimStart(':'), ct) is { } oldKey) db.RemoveAssociatedFile(oldKey, file);
            if (await KeyOfBlobAsync(repo, w[3], w[1], ct) is not { } key) continue;
            db.AddAssociatedFile(key, file);
            if (w[1] == UpdateIndex.SymlinkMode || store.PathOf(key) is not { } obj) continue;
            var full = Path.Combine(repo.Git.TopDir, file);
            if (WorkTree.LookupKey(full, out var locked) != key || locked) continue;
            LocalContent.ReplacePointer(db, key, obj, full, repo.Config.GetBool("annex.thin", false));
            if (InodeCache.Of(obj) is { } oic) db.AddInodeCaches(key, oic);
            populated.Add(file);
        }
        if (newTree != null) await GitCli.RunAsync(repo.Git, ["update-ref", LastIndexRef, newTree], ct: ct);
        return populated;
    }

    private static async Task<Key?> KeyOfBlobAsync(AnnexRepo repo, string sha, string mode, CancellationToken ct)
    {
        if (sha.All(c => c == '0')) return null;
        var blob = await repo.CatFile.ReadSmallBlobAsync(sha, WorkTree.MaxPointerSize, ct);
        if (blob == null) return null;
        return mode == UpdateIndex.SymlinkMode ? WorkTree.KeyFromSymlinkTarget(Encoding.UTF8.GetString(blob)) : WorkTree.KeyFromPointer(blob);
    }
}
