using System.Text;
using Annex.Core.Annex;
using Annex.Core.Database;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes.DirectoryRemote;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Export;

/// <summary>A file found on the remote: its path there, content identifier and (once known) key.</summary>
public sealed record ImportableFile(string Path, byte[] Cid, Key? KnownKey);

/// <summary>
/// Importing a tree from an importtree=yes directory remote (doc/design/importing_trees_from_special_remotes.mdwn,
/// Annex/Import.hs): the directory is listed with content identifiers; a file whose identifier is known keeps
/// its key, any other is copied here (checked unchanged while copied) and keyed. The files become a parentless
/// "import from REMOTE" commit, grafted at SUBDIR of the base branch for BRANCH:SUBDIR, and the remote tracking
/// branch refs/remotes/REMOTE/BRANCH then points at it, or at a "remote tracking branch" merge of its old value
/// and the import. The imported tree is recorded as what the remote holds (export.log and the export database),
/// so a later export sends only what differs.
/// </summary>
public sealed class TreeImport(AnnexRepo repo, Uuid remote, string remoteName, DirectoryExport target) : IDisposable
{
    private readonly ContentIdentifierDb _cids = ContentIdentifierDb.Open(repo.Locations);

    /// <summary>listImportableContentsM: every regular file under the directory, with its identifier.</summary>
    public List<ImportableFile> List()
    {
        if (!Directory.Exists(target.Root)) throw new UserErrorException($"directory {target.Root} is not accessible");
        var r = new List<ImportableFile>();
        foreach (var f in Directory.EnumerateFiles(target.Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (target.ContentIdentifier(f) is not { } cid) continue;
            var rel = Path.GetRelativePath(target.Root, f).Replace('\\', '/');
            var known = _cids.KeysFor(remote, cid).FirstOrDefault();
            r.Add(new ImportableFile(rel, cid, known));
        }
        return r.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Brings one file's content here (importKeyM and retrieveExportWithContentIdentifierM): copied to a
    /// temporary file, refused if the file changed meanwhile, then keyed (or verified against the known key).</summary>
    public async Task<Key> FetchAsync(ImportableFile f, string repoPath, CancellationToken ct)
    {
        var store = new ObjectStore(repo.Locations);
        if (f.KnownKey is { } k && (k.Backend == "GIT" || store.Has(k))) return k;
        Directory.CreateDirectory(repo.Locations.OtherTmpDir);
        var tmp = Path.Combine(repo.Locations.OtherTmpDir, "import." + Environment.ProcessId);
        try
        {
            File.Copy(target.PathOf(f.Path), tmp, overwrite: true);
            var now = target.ContentIdentifier(target.PathOf(f.Path));
            if (now == null) throw new UserErrorException("file not found");
            if (!DirectoryExport.SameContent(now, [f.Cid])) throw new UserErrorException("file content has changed");
            Key key;
            if (f.KnownKey is { } known)
            {
                if (Backends.VerifyFile(known, tmp, ct) == false) throw new UserErrorException("verification of content failed");
                key = known;
            }
            else
            {
                var backend = Backends.ByName(repo.Config.Get("annex.backend") ?? "") ?? Backends.Default;
                key = backend.GenerateKey(tmp, new Ingest(repo).KeyGenOptionsFor(repoPath), cancellationToken: ct);
            }
            if (!store.MoveIn(key, tmp)) File.Delete(tmp);
            await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: true, ct);
            return key;
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    /// <summary>Records what was imported, builds the commit and updates the remote tracking branch.</summary>
    public async Task<string> FinishAsync(string treeish, IReadOnlyList<(ImportableFile File, Key Key)> imported, CancellationToken ct)
    {
        var locations = new LocationLogStore(repo);
        foreach (var (f, key) in imported)
        {
            await RecordCidAsync(key, f.Cid, ct);
            if (key.Backend != "GIT") await locations.SetAsync(key, remote, present: true, ct);
        }
        var colon = treeish.IndexOf(':');
        var branch = colon < 0 ? treeish : treeish[..colon];
        var subdir = colon < 0 ? "" : treeish[(colon + 1)..].Trim('/');
        if (branch.StartsWith("refs/heads/", StringComparison.Ordinal)) branch = branch["refs/heads/".Length..];
        var trackingRef = $"refs/remotes/{remoteName}/{branch}";
        var tracking = await RevParseAsync(trackingRef, ct);

        // The imported files, as the tree the remote holds (relative to SUBDIR).
        var entries = new List<(string Mode, string Sha, string Path)>();
        foreach (var (f, key) in imported)
            entries.Add(key.Backend == "GIT"
                ? ("100644", key.Name, f.Path)
                : ("120000", await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(Locations.SymlinkTarget(key, Join(subdir, f.Path))), ct), f.Path));
        var importedTree = await WriteTreeAsync(entries, ct);

        // Grafted at SUBDIR of the tracking branch, or of the branch itself before the first import.
        var tree = importedTree;
        if (subdir.Length > 0)
        {
            var baseCommit = tracking ?? await RevParseAsync("refs/heads/" + branch, ct);
            var all = new List<(string Mode, string Sha, string Path)>();
            if (baseCommit != null)
            {
                var ls = await GitCli.RunAsync(repo.Git, ["ls-tree", "-r", "-z", "--full-tree", baseCommit], ct: ct);
                foreach (var e in ls.StdoutText.Split('\0', StringSplitOptions.RemoveEmptyEntries))
                {
                    var tab = e.IndexOf('\t');
                    var m = e[..tab].Split(' ');
                    var p = e[(tab + 1)..];
                    if (p == subdir || p.StartsWith(subdir + "/", StringComparison.Ordinal)) continue;
                    all.Add((m[0], m[2], p));
                }
            }
            all.AddRange(entries.Select(e => (e.Mode, e.Sha, subdir + "/" + e.Path)));
            tree = await WriteTreeAsync(all, ct);
        }

        // What the remote now holds, for the next export.
        using (var db = ExportDb.Open(repo.Locations, remote))
        {
            db.Begin();
            db.SetExported(imported.Select(i => (i.File.Path, i.Key)));
            db.Commit();
        }
        var log = ExportLog.Parse(await repo.Branch.ReadAsync("export.log", ct) ?? []);
        log.Set(new ExportParticipants(repo.Uuid, remote), new Exported(importedTree, []), LogClock.Candidate());
        await repo.Branch.WriteAsync("export.log", ExportLog.Format(log), ct);

        if (tracking != null && await RevParseAsync(tracking + "^{tree}", ct) == tree) return trackingRef;
        var commit = (await GitCli.ReadAsync(repo.Git, ["commit-tree", tree, "-m", $"import from {remoteName}"], ct: ct)).Trim();
        await ExportTracking.UpdateAsync(repo, trackingRef, commit, ct, importMerge: true);
        return trackingRef;
    }

    private static string Join(string dir, string path) => dir.Length == 0 ? path : dir + "/" + path;

    private async Task<string?> RevParseAsync(string rev, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["rev-parse", "--verify", "--quiet", rev], ct: ct);
        return r.Ok ? r.StdoutText.Trim() : null;
    }

    /// <summary>A tree from entries, through a temporary index (git's own tree writing sorts and nests them).</summary>
    private async Task<string> WriteTreeAsync(List<(string Mode, string Sha, string Path)> entries, CancellationToken ct)
    {
        Directory.CreateDirectory(repo.Locations.OtherTmpDir);
        var index = Path.Combine(repo.Locations.OtherTmpDir, "import.index." + Environment.ProcessId);
        File.Delete(index);
        var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = index };
        try
        {
            await using (var ui = new UpdateIndex(repo.Git, env))
            {
                foreach (var (mode, sha, path) in entries) await ui.StageAsync(mode, sha, path, ct);
                await ui.FinishAsync(ct);
            }
            return (await GitCli.ReadAsync(repo.Git, ["write-tree"], env: env, ct: ct)).Trim();
        }
        finally { File.Delete(index); }
    }

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
        _cids.Record(remote, cid, key);
    }

    public void Dispose() => _cids.Dispose();
}
