using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// Finds which of some keys no file refers to (Command/Unused.hs excludeReferenced). A key is used when
/// it is named by: a file in the work tree (a symlink, tracked or not, or a tracked file whose staged
/// blob is a pointer); the index where it differs from the work tree; or any branch or tag (not the
/// git-annex branch, synced/ or annex/ refs, or view branches) where it differs from the index. Each
/// stage runs only when keys are left, so the common "nothing unused" case never walks the refs.
/// </summary>
public sealed class UnusedKeys(AnnexRepo repo, UsedRefSpec? refSpec = null)
{
    /// <summary>The keys among <paramref name="candidates"/> that nothing refers to, in their given order.
    /// <paramref name="checking"/> is told the name of each ref as it is examined ("master", "origin/master").</summary>
    public async Task<List<Key>> FindAsync(IReadOnlyList<Key> candidates, Action<string> checking, CancellationToken ct)
    {
        var left = new HashSet<Key>(candidates);
        if (left.Count > 0 && !repo.Git.IsBare) left.ExceptWith(await WorkTreeKeysAsync(ct));
        if (left.Count > 0 && !repo.Git.IsBare)
        {
            var modified = new List<string>();
            left.ExceptWith(await DiffKeysAsync(["diff-files", "--raw", "-z", "--no-renames", "-l0"], ct, modified));
            if (left.Count > 0) left.ExceptWith(ModifiedUnlockedKeys(modified, left));
        }
        if (left.Count > 0)
        {
            var used = new HashSet<Key>();
            foreach (var (name, refName) in await RefsToCheckAsync(ct))
            {
                checking(name);
                used.UnionWith(await DiffKeysAsync(["diff-index", "--raw", "-z", "-r", "--no-renames", "-l0", "--cached", refName], ct));
            }
            left.ExceptWith(used);
        }
        return candidates.Where(left.Contains).ToList();
    }

    /// <summary>Keys named by work-tree files: symlinks by their target, other tracked files by their staged pointer.</summary>
    private async Task<HashSet<Key>> WorkTreeKeysAsync(CancellationToken ct)
    {
        var keys = new HashSet<Key>();
        var staged = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new List<string>();
        await foreach (var e in LsFiles.StagedAsync(repo.Git, [], ct))
        {
            if (paths.Count == 0 || paths[^1] != e.Path) paths.Add(e.Path);
            if (e.Mode is UpdateIndex.FileMode or UpdateIndex.ExecMode) staged[e.Path] = e.Sha;
        }
        await foreach (var f in LsFiles.ZeroSeparatedAsync(repo.Git, ["ls-files", "-z", "--others", "--"], ct)) paths.Add(f);
        var blobs = new List<string>();
        foreach (var path in paths)
        {
            var fi = new FileInfo(Path.Combine(repo.Git.TopDir, path));
            if (fi.LinkTarget is { } target)
            {
                if (WorkTree.KeyFromSymlinkTarget(target) is { } k) keys.Add(k);
            }
            else if (fi.Exists && staged.TryGetValue(path, out var sha)) blobs.Add(sha);
        }
        keys.UnionWith(await BlobKeysAsync(blobs, ct));
        return keys;
    }

    /// <summary>Keys named by the source side of a raw diff (":srcmode dstmode srcsha dstsha status\0path\0").</summary>
    /// <param name="modifiedFiles">When given, receives the paths of unlocked files (staged pointer) that differ.</param>
    private async Task<HashSet<Key>> DiffKeysAsync(IReadOnlyList<string> args, CancellationToken ct, List<string>? modifiedFiles = null)
    {
        var shas = new List<string>();
        var regular = new List<(string Path, string Sha)>();
        string? pendingMode = null, pendingSha = null;
        bool expectMeta = true;
        await foreach (var rec in LsFiles.ZeroSeparatedAsync(repo.Git, args, ct))
        {
            if (expectMeta && rec.StartsWith(':'))
            {
                var parts = rec[1..].Split(' ');
                pendingMode = parts[0];
                pendingSha = parts.Length >= 4 ? parts[2] : null;
                if (parts.Length >= 4 && parts[0] is UpdateIndex.SymlinkMode or UpdateIndex.FileMode or UpdateIndex.ExecMode
                    && parts[2].Trim('0').Length > 0)
                    shas.Add(parts[2]);
                expectMeta = false;
            }
            else
            {
                if (pendingMode is UpdateIndex.FileMode or UpdateIndex.ExecMode && pendingSha != null) regular.Add((rec, pendingSha));
                expectMeta = true;
            }
        }
        var map = await BlobKeyMapAsync(shas, ct);
        if (modifiedFiles != null)
            foreach (var (path, sha) in regular)
                if (map.ContainsKey(sha)) modifiedFiles.Add(path);
        return [.. map.Values];
    }

    /// <summary>
    /// The content of a modified unlocked file was annexed by the clean filter (a `git diff` is enough) but is
    /// not staged: its key counts as used while the file holds it (the reference's associated-files filter,
    /// from its keys database). Recomputed here with the staged key's backend, only for files whose size
    /// matches a key still in question.
    /// </summary>
    private HashSet<Key> ModifiedUnlockedKeys(List<string> modified, HashSet<Key> left)
    {
        var found = new HashSet<Key>();
        var sizes = left.Select(k => k.Size).ToHashSet();
        foreach (var path in modified)
        {
            var full = Path.Combine(repo.Git.TopDir, path);
            var fi = new FileInfo(full);
            if (!fi.Exists || fi.LinkTarget != null || !sizes.Contains(fi.Length) && !sizes.Contains(null)) continue;
            foreach (var backend in left.Select(k => Backends.ForKey(k)).OfType<IBackend>().Where(b => b.CanGenerateKey).Distinct())
            {
                var key = backend.GenerateKey(full, new Ingest(repo).KeyGenOptionsFor(path));
                if (left.Contains(key)) found.Add(key);
            }
        }
        return found;
    }

    /// <summary>Keys in blobs that are symlink targets or pointer files; large blobs are never read.</summary>
    private async Task<HashSet<Key>> BlobKeysAsync(IReadOnlyCollection<string> shas, CancellationToken ct) =>
        [.. (await BlobKeyMapAsync(shas, ct)).Values];

    private async Task<Dictionary<string, Key>> BlobKeyMapAsync(IReadOnlyCollection<string> shas, CancellationToken ct)
    {
        var keys = new Dictionary<string, Key>(StringComparer.Ordinal);
        if (shas.Count == 0) return keys;
        var distinct = shas.Distinct().ToList();
        var input = Encoding.ASCII.GetBytes(string.Join('\n', distinct) + "\n");
        var r = await GitCli.RunAsync(repo.Git, ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], input, ct: ct);
        foreach (var line in r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = line.Split(' ');
            if (p.Length != 3 || p[1] != "blob" || !long.TryParse(p[2], out var size) || size >= WorkTree.MaxPointerSize) continue;
            var blob = await repo.CatFile.ReadBlobAsync(p[0], ct);
            if (blob != null && KeyOfBlob(blob) is { } k) keys[p[0]] = k;
        }
        return keys;
    }

    /// <summary>The key a git blob names as a pointer file or an annex symlink target (Annex/Link.hs parseLinkTargetOrPointer).</summary>
    public static Key? KeyOfBlob(ReadOnlySpan<byte> blob)
    {
        if (WorkTree.KeyFromPointer(blob) is { } k) return k;
        if (blob.IndexOfAny((byte)'\n', (byte)0) >= 0) return null;
        return WorkTree.KeyFromSymlinkTarget(Encoding.UTF8.GetString(blob));
    }

    /// <summary>The refs that count as used, one per commit, and HEAD first when no such ref is at HEAD.</summary>
    private async Task<List<(string Name, string Ref)>> RefsToCheckAsync(CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["show-ref"], ct: ct);
        var refs = new List<(string Sha, string Ref)>();
        foreach (var line in r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int sp = line.IndexOf(' ');
            if (sp < 0) continue;
            var (sha, name) = (line[..sp], line[(sp + 1)..]);
            if (IsUsedRef(name) && !refs.Any(x => x.Sha == sha)) refs.Add((sha, name));
        }
        var names = refs.Select(x => x.Ref).ToList();
        var spec = refSpec ?? UsedRefSpec.All;
        var reflog = new List<string>();
        if (spec.UsesRefLog && names.Count > 0)
        {
            var log = await GitCli.RunAsync(repo.Git, ["log", "-g", "--format=%H", .. names], ct: ct);
            reflog.AddRange(log.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        var list = spec.Apply(names, reflog).Select(r => (Describe(r), r)).ToList();
        var head = await Refs.ShaOfAsync(repo.Git, "HEAD", ct);
        if (head != null && !refs.Any(x => x.Sha == head)) list.Insert(0, ("HEAD", "HEAD"));
        return list;
    }

    /// <summary>The default used-refspec: every ref except the git-annex branches, synced/, annex/ and view branches.</summary>
    public static bool IsUsedRef(string refName) =>
        !refName.EndsWith("/" + AnnexBranch.Name, StringComparison.Ordinal)
        && !refName.StartsWith("refs/synced/", StringComparison.Ordinal)
        && !refName.StartsWith("refs/annex/", StringComparison.Ordinal)
        && !refName.StartsWith("refs/heads/views/", StringComparison.Ordinal);

    /// <summary>A ref as git-annex shows it: "master" for refs/heads/master, "origin/master" for a remote branch.</summary>
    public static string Describe(string refName)
    {
        foreach (var prefix in new[] { "refs/heads/", "refs/remotes/" })
            if (refName.StartsWith(prefix, StringComparison.Ordinal)) return refName[prefix.Length..];
        return refName;
    }

    /// <summary>Keys with a file in a work directory (.git/annex/bad or tmp) that are not in the object store;
    /// files there for keys that are present are redundant and removed, as the reference prunes them.</summary>
    public static List<Key> StaleKeys(Locations loc, string dir)
    {
        var list = new List<Key>();
        if (!Directory.Exists(dir)) return list;
        var store = new ObjectStore(loc);
        foreach (var f in Directory.EnumerateFiles(dir).ToList())
        {
            if (!KeyFile.TryParse(Path.GetFileName(f), out var key)) continue;
            if (store.Has(key))
            {
                try { File.Delete(f); } catch (IOException) { }
                continue;
            }
            list.Add(key);
        }
        // In key order: the reference takes the set difference with the keys present here.
        list.Sort(UnusedLog.KeyOrder);
        return list;
    }

    /// <summary>
    /// The keys with content here, in the order the reference numbers them (Annex/Content.hs listKeys):
    /// objects/HASH1/HASH2/KEY/KEY walked level by level, each directory's entries in reverse readdir order.
    /// </summary>
    public static List<Key> PresentKeysInReferenceOrder(Locations loc)
    {
        var list = new List<Key>();
        var seen = new HashSet<Key>();
        if (!Directory.Exists(loc.ObjectsDir)) return list;
        static IEnumerable<string> Dirs(string d)
        {
            try { return Directory.EnumerateDirectories(d).Reverse().ToList(); }
            catch (IOException) { return []; }
            catch (UnauthorizedAccessException) { return []; }
        }
        foreach (var h1 in Dirs(loc.ObjectsDir))
            foreach (var h2 in Dirs(h1))
                foreach (var keyDir in Dirs(h2))
                {
                    var name = Path.GetFileName(keyDir);
                    if (File.Exists(Path.Combine(keyDir, name)) && KeyFile.TryParse(name, out var key) && seen.Add(key)) list.Add(key);
                }
        return list;
    }

    public static string LogPath(Locations loc, string prefix) => Path.Combine(loc.AnnexDir, prefix + "unused");

    public static IReadOnlyList<UnusedEntry> ReadLog(Locations loc, string prefix)
    {
        var path = LogPath(loc, prefix);
        return File.Exists(path) ? UnusedLog.Parse(File.ReadAllBytes(path)) : [];
    }
}
