using System.Text;
using Annex.Core.Annex;
using Annex.Core.Database;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes.DirectoryRemote;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Export;

/// <summary>A file of an exported tree: its path and key (annexed content's key, or GIT--SHA for a file git stores).</summary>
public sealed record ExportFile(string Path, Key Key, string BlobSha);

/// <summary>One step of an export, in the order they run: moves out of the way, removals, then stores.</summary>
public abstract record ExportStep(string Path, Key Key);
public sealed record UnexportStep(string Path, Key Key) : ExportStep(Path, Key);
public sealed record RenameStep(string Path, Key Key, string To) : ExportStep(Path, Key);
public sealed record StoreStep(string Path, Key Key, string BlobSha) : ExportStep(Path, Key);

/// <summary>
/// Exporting a tree to an exporttree=yes remote (doc/design/exporting_trees_to_special_remotes.mdwn,
/// Command/Export.hs): the export database says what the remote holds, so only the difference with the new
/// tree is sent; a key that moved is renamed on the remote through a temporary name (not with importtree=yes,
/// where a rename could lose a change made in the directory), and export.log records the export as begun
/// (the new tree among the incomplete ones) and then as done.
/// </summary>
public sealed class TreeExport(AnnexRepo repo, Uuid remote, DirectoryExport target, bool importTree) : IDisposable
{
    public const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private readonly ExportDb _db = ExportDb.Open(repo.Locations, remote);
    private ContentIdentifierDb? _cids;
    private readonly HashSet<Key> _touched = [];

    /// <summary>Annex/Export.hs exportTempName: where a moved file waits for its new name.</summary>
    public static string TempName(Key key) => ".git-annex-tmp-content-" + key;

    public static async Task<string> ResolveTreeAsync(AnnexRepo repo, string treeish, CancellationToken ct)
    {
        // "BRANCH:SUBDIR^{tree}" would name a path "SUBDIR^{tree}": such a treeish is resolved as it is, then checked.
        var r = await GitCli.RunAsync(repo.Git, ["rev-parse", "--verify", "--quiet", treeish.Contains(':') ? treeish : treeish + "^{tree}"], ct: ct);
        if (!r.Ok) throw new UserErrorException($"{treeish} is not a tree");
        var sha = r.StdoutText.Trim();
        if (treeish.Contains(':') && (await repo.CatFile.InfoAsync(sha, ct))?.Type != "tree")
            throw new UserErrorException($"{treeish} is not a tree");
        return sha;
    }

    /// <summary>The tree's files with their keys; submodules are not exported.</summary>
    public static async Task<List<ExportFile>> ListTreeAsync(AnnexRepo repo, string tree, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["ls-tree", "-r", "-z", "--full-tree", tree], ct: ct);
        var files = new List<ExportFile>();
        foreach (var entry in r.StdoutText.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            var meta = entry[..tab].Split(' ');
            var (mode, type, sha, path) = (meta[0], meta[1], meta[2], entry[(tab + 1)..]);
            if (type != "blob") continue;
            Key? key = null;
            var info = await repo.CatFile.InfoAsync(sha, ct);
            if (info != null && info.Size < WorkTree.MaxPointerSize)
            {
                var blob = await repo.CatFile.ReadBlobAsync(sha, ct) ?? [];
                key = mode == "120000" ? WorkTree.KeyFromSymlinkTarget(Encoding.UTF8.GetString(blob)) : WorkTree.KeyFromPointer(blob);
            }
            files.Add(new ExportFile(path, key ?? new Key("GIT", sha), sha));
        }
        return files;
    }

    /// <summary>Records the export as begun (recordExportBeginning) and the tree being exported in the
    /// database, then plans the steps from what the remote holds.</summary>
    public async Task<List<ExportStep>> BeginAsync(string tree, IReadOnlyList<ExportFile> files, CancellationToken ct)
    {
        var log = await ReadLogAsync(ct);
        var here = new ExportParticipants(repo.Uuid, remote);
        var old = log.TryGetValue(here, out var o) ? o : new Exported(EmptyTree, []);
        log.Set(here, old with { Incomplete = [.. new[] { tree }.Concat(old.Incomplete).Distinct()] }, LogClock.Candidate());
        await repo.Branch.WriteAsync("export.log", ExportLog.Format(log), ct);
        // As upstream, the tree is grafted into the git-annex branch's history so other clones have it.
        await repo.Branch.GraftAsync("export.tree", tree, ct);
        _db.Begin();
        _db.SetExportTree(tree, files.Select(f => (f.Path, f.Key)));
        _db.Commit();

        var exported = _db.Exported();
        // A clone that never exported here has an empty database: what the remote holds is then the tree
        // export.log says was exported to it (upstream diffs from that tree too), when there is one.
        if (exported.Count == 0 && ExportLog.ExportsTo(log, remote).Select(e => e.Tree).Where(t => t != EmptyTree && t != tree).Distinct().ToList() is [var prior])
        {
            _db.Begin();
            foreach (var f in await ListTreeAsync(repo, prior, ct)) _db.AddExported(f.Key, f.Path);
            _db.Commit();
            exported = _db.Exported();
        }
        var wanted = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var steps = new List<ExportStep>();
        var stores = files.Where(f => !exported.TryGetValue(f.Path, out var k) || k != f.Key).ToList();
        var neededKeys = stores.Select(f => f.Key).ToHashSet();
        var parked = new HashSet<Key>();
        // Upstream walks a map from key to its old and new paths, so moves and removals come in the keys'
        // order (their names first), and the moves back from temporary names in that order again.
        foreach (var (path, key) in exported.OrderBy(kv => kv.Value.Name, StringComparer.Ordinal).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (wanted.TryGetValue(path, out var f) && f.Key == key) continue;
            if (!importTree && neededKeys.Contains(key) && parked.Add(key) && !path.StartsWith(".git-annex-tmp-content-", StringComparison.Ordinal))
                steps.Add(new RenameStep(path, key, TempName(key)));
            else steps.Add(new UnexportStep(path, key));
        }
        // With importtree=yes there is no rename: upstream unexports the old path, then the temporary name the
        // rename would have used (nothing there, but it is said), and exports the file anew.
        if (importTree)
            steps.AddRange(exported.Where(kv => neededKeys.Contains(kv.Value) && !(wanted.TryGetValue(kv.Key, out var w) && w.Key == kv.Value))
                .Select(kv => kv.Value).Distinct().OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => new UnexportStep(TempName(k), k)));
        // Each parked key is renamed to its first new path; every other new file is sent.
        // (in the order they were parked, which is the old paths' order, as upstream's diff gives them).
        var parkOrder = steps.OfType<RenameStep>().Select(r => r.Key).ToList();
        var fromTemp = stores.Where(f => parked.Remove(f.Key)).OrderBy(f => parkOrder.IndexOf(f.Key)).ToList();
        steps.AddRange(fromTemp.Select(f => new RenameStep(TempName(f.Key), f.Key, f.Path)));
        steps.AddRange(stores.Except(fromTemp).Select(f => new StoreStep(f.Path, f.Key, f.BlobSha)));
        return steps;
    }

    private async Task<MapLog<ExportParticipants, Exported>> ReadLogAsync(CancellationToken ct) =>
        ExportLog.Parse(await repo.Branch.ReadAsync("export.log", ct) ?? []);

    /// <summary>Runs one step; a store whose content is not here fails, leaving the export incomplete.</summary>
    public async Task RunAsync(ExportStep step, CancellationToken ct)
    {
        _touched.Add(step.Key);
        switch (step)
        {
            case RenameStep r:
                target.Rename(r.Path, r.To);
                _db.RemoveExported(r.Key, r.Path);
                _db.AddExported(r.Key, r.To);
                break;
            case UnexportStep u:
                if (importTree) target.RemoveChecked(u.Path, await KnownCidsAsync([u.Key], ct));
                else target.Remove(u.Path);
                _db.RemoveExported(u.Key, u.Path);
                break;
            case StoreStep s:
                await StoreAsync(s, ct);
                break;
        }
    }

    private async Task StoreAsync(StoreStep s, CancellationToken ct)
    {
        var exported = _db.ExportedLocations(s.Key);
        var oldKeys = _db.Exported().Where(kv => kv.Key == s.Path).Select(kv => kv.Value).ToList();
        {
            string? tmp = null;
            try
            {
                string source;
                if (s.Key.Backend == "GIT")
                {
                    Directory.CreateDirectory(repo.Locations.OtherTmpDir);
                    tmp = Path.Combine(repo.Locations.OtherTmpDir, "export." + Environment.ProcessId + "." + s.BlobSha);
                    await File.WriteAllBytesAsync(tmp, await repo.CatFile.ReadBlobAsync(s.BlobSha, ct) ?? [], ct);
                    source = tmp;
                }
                else source = new ObjectStore(repo.Locations).PathOf(s.Key)
                    ?? (exported.Count > 0 ? target.PathOf(exported[0]) : null)
                    ?? throw new UserErrorException("not available");
                if (importTree)
                {
                    var cid = target.StoreChecked(source, s.Path, await KnownCidsAsync(oldKeys, ct));
                    await RecordCidAsync(s.Key, cid, ct);
                }
                else target.Store(source, s.Path);
            }
            finally { if (tmp != null) File.Delete(tmp); }
        }
        foreach (var k in oldKeys) { _db.RemoveExported(k, s.Path); _touched.Add(k); }
        _db.AddExported(s.Key, s.Path);
    }

    /// <summary>The content identifiers recorded for these keys on this remote (their .log.cid files).</summary>
    private async Task<List<byte[]>> KnownCidsAsync(IEnumerable<Key> keys, CancellationToken ct)
    {
        var r = new List<byte[]>();
        foreach (var k in keys)
        {
            var log = ContentIdentifierLog.Parse(await repo.Branch.ReadAsync(Locations.KeyLogPath(k, ".cid"), ct) ?? []);
            if (log.TryGetValue(remote, out var cids)) r.AddRange(cids);
        }
        return r;
    }

    /// <summary>recordContentIdentifier: the newest identifier first, earlier ones kept.</summary>
    private async Task RecordCidAsync(Key key, byte[] cid, CancellationToken ct)
    {
        var path = Locations.KeyLogPath(key, ".cid");
        var log = ContentIdentifierLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        var old = log.TryGetValue(remote, out var v) ? v : [];
        if (old.Count == 0 || !old[0].AsSpan().SequenceEqual(cid))
        {
            log.Set(remote, [cid, .. old.Where(c => !c.AsSpan().SequenceEqual(cid))], LogClock.Candidate());
            await repo.Branch.WriteAsync(path, ContentIdentifierLog.Format(log), ct);
        }
        (_cids ??= ContentIdentifierDb.Open(repo.Locations)).Record(remote, cid, key);
    }

    /// <summary>Removes what is left under temporary names, updates the location logs of the keys touched,
    /// and, when every step succeeded, records the tree as exported.</summary>
    public async Task FinishAsync(string tree, bool complete, CancellationToken ct)
    {
        foreach (var (path, key) in _db.Exported().Where(kv => kv.Key.StartsWith(".git-annex-tmp-content-", StringComparison.Ordinal)))
        {
            target.Remove(path);
            _db.RemoveExported(key, path);
        }
        var locations = new LocationLogStore(repo);
        // As upstream: an exported file's key is logged present on the remote, except a GIT-- key (git has
        // that content anyway); but any key no longer exported anywhere is logged missing, GIT-- ones too.
        foreach (var k in _touched)
        {
            var present = _db.ExportedLocations(k).Count > 0;
            if (present && k.Backend == "GIT") continue;
            await locations.SetAsync(k, remote, present, ct);
        }
        if (!complete) return;
        var log = await ReadLogAsync(ct);
        log.Set(new ExportParticipants(repo.Uuid, remote), new Exported(tree, []), LogClock.Candidate());
        await repo.Branch.WriteAsync("export.log", ExportLog.Format(log), ct);
    }

    public void Dispose()
    {
        _db.Dispose();
        _cids?.Dispose();
    }
}
