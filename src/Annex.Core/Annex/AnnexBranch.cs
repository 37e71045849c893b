using System.Text;
using Annex.Core.Git;

namespace Annex.Core.Annex;

/// <summary>
/// The git-annex branch (doc/internals.mdwn): reads see journalled changes first, then the branch;
/// writes go to the journal; <see cref="CommitAsync"/> stages the journal in .git/annex/index and
/// commits it. Before the first read of a run, other repositories' git-annex branches are union-merged
/// in (<see cref="BranchMerge"/>), as the reference does.
/// </summary>
public sealed class AnnexBranch(AnnexRepo repo)
{
    public const string Name = "git-annex";
    public const string FullName = "refs/heads/git-annex";
    private bool _updated;

    // Global logs (uuid.log, trust.log, numcopies.log, ...) are read once per command: per-file verbs would
    // otherwise re-read them for every file. Our own writes update the cache; a re-merge clears it.
    private readonly Dictionary<string, byte[]?> _globalCache = new(StringComparer.Ordinal);
    public Journal Journal { get; } = new(repo.Locations.AnnexDir);

    public IReadOnlyDictionary<string, string?> IndexEnv =>
        new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = repo.Locations.AnnexIndex };

    /// <summary>Current content of a branch file (journal first), or null when it does not exist.</summary>
    public async Task<byte[]?> ReadAsync(string path, CancellationToken ct = default)
    {
        await UpdateAsync(ct);
        bool global = !path.Contains('/');
        if (global && _globalCache.TryGetValue(path, out var cached)) return cached;
        var content = Journal.Read(path) ?? await ReadCommittedAsync(path, ct);
        if (global) _globalCache[path] = content;
        return content;
    }

    private TreeWalker? _tree;
    private string? _treeOfCommit;

    /// <summary>A file as committed on the branch, found through a cached root tree (see <see cref="TreeWalker"/>).</summary>
    private async Task<byte[]?> ReadCommittedAsync(string path, CancellationToken ct)
    {
        if (!await TreeIsCurrentAsync(ct)) return null;
        var name = await _tree!.ObjectNameAsync(path, ct);
        return name == null ? null : await repo.CatFile.ReadBlobAsync(name, ct);
    }

    private (long Size, long MtimeNs, ulong Inode)? _refStamp;

    /// <summary>
    /// The branch can move under us (our commits, a merge, another git-annex process), so the cached tree
    /// is checked before each read: by a stat of the loose ref file when there is one (no git round trip),
    /// else by asking cat-file which commit the branch is at. False when the branch does not exist.
    /// </summary>
    private async Task<bool> TreeIsCurrentAsync(CancellationToken ct)
    {
        var st = Utility.Posix.TryStat(Path.Combine(repo.Git.GitDir, "refs", "heads", Name), follow: true);
        (long, long, ulong)? stamp = st is { } v ? (v.Size, v.MtimeSeconds * 1_000_000_000 + v.MtimeNanoseconds, v.Inode) : null;
        if (_tree != null && stamp != null && stamp == _refStamp) return true;
        var commit = await repo.CatFile.InfoAsync(FullName, ct);
        if (commit == null) return false;
        if (_tree == null || _treeOfCommit != commit.Sha)
        {
            var tree = await repo.CatFile.InfoAsync(commit.Sha + "^{tree}", ct);
            if (tree == null) return false;
            _tree = new TreeWalker(repo.CatFile, tree.Sha);
            _treeOfCommit = commit.Sha;
        }
        _refStamp = stamp;
        return true;
    }

    /// <summary>Forgets cached global logs and trees (after the branch moved: merge, commit, transition).</summary>
    public void InvalidateCache()
    {
        _globalCache.Clear();
        _tree = null;
        _treeOfCommit = null;
    }

    public async Task<string> ReadTextAsync(string path, CancellationToken ct = default)
    {
        var b = await ReadAsync(path, ct);
        return b == null ? "" : Encoding.UTF8.GetString(b);
    }

    /// <summary>Replaces a branch file's content (recorded in the journal until the next commit).</summary>
    public async Task WriteAsync(string path, byte[] content, CancellationToken ct = default)
    {
        await UpdateAsync(ct);
        Journal.Write(path, content);
        if (!path.Contains('/')) _globalCache[path] = content;
        repo.BranchDirty = true;
    }

    public Task WriteTextAsync(string path, string content, CancellationToken ct = default) =>
        WriteAsync(path, Encoding.UTF8.GetBytes(content), ct);

    /// <summary>Makes sure the branch exists and other repositories' changes are merged in (once per run).</summary>
    public async Task UpdateAsync(CancellationToken ct = default)
    {
        if (_updated) return;
        _updated = true;
        var sha = await EnsureExistsAsync(ct);
        await new BranchMerge(repo, this).MergeSiblingsAsync(sha, ct);
    }

    public async Task<string> EnsureExistsAsync(CancellationToken ct = default)
    {
        var sha = await Refs.ShaOfAsync(repo.Git, FullName, ct);
        if (sha != null) return sha;
        var origin = await Refs.ShaOfAsync(repo.Git, "refs/remotes/origin/git-annex", ct);
        if (origin != null)
        {
            await Refs.UpdateAsync(repo.Git, FullName, origin, ct);
            await SetIndexShaAsync(origin, readTree: true, ct);
            return origin;
        }
        // An empty index, then a parentless commit of it: what the reference makes ("branch created").
        File.Delete(repo.Locations.AnnexIndex);
        var tree = await Refs.WriteTreeAsync(repo.Git, IndexEnv, ct);
        var commit = await Refs.CommitTreeAsync(repo.Git, tree, [], "branch created", ct);
        await Refs.UpdateAsync(repo.Git, FullName, commit, ct);
        await SetIndexShaAsync(commit, readTree: false, ct);
        return commit;
    }

    /// <summary>Commits journalled changes; a no-op when there are none.</summary>
    public async Task<bool> CommitAsync(string message = "update", CancellationToken ct = default)
    {
        if (!Journal.IsDirty) return false;
        using var lk = Journal.TakeLock();
        var entries = Journal.Entries();
        if (entries.Count == 0) return false;
        var branchSha = await EnsureExistsAsync(ct);
        await StageJournalOntoAsync(branchSha, entries, ct);
        var tree = await Refs.WriteTreeAsync(repo.Git, IndexEnv, ct);
        var commit = await Refs.CommitTreeAsync(repo.Git, tree, [branchSha], message, ct);
        await Refs.UpdateAsync(repo.Git, FullName, commit, ct);
        await SetIndexShaAsync(commit, readTree: false, ct);
        foreach (var (_, file) in entries) File.Delete(file);
        repo.BranchDirty = false;
        return true;
    }

    /// <summary>
    /// Annex/Branch.hs graftTreeish: commits the journal, then a "graft" commit whose tree adds
    /// <paramref name="tree"/> at <paramref name="path"/> and a "graft cleanup" commit without it, so the tree
    /// (an exported one) stays reachable from the branch, and so is fetched with it, while the branch's files
    /// are unchanged.
    /// </summary>
    public async Task GraftAsync(string path, string tree, CancellationToken ct = default)
    {
        await CommitAsync("update", ct);
        var head = await EnsureExistsAsync(ct);
        var headTree = (await GitCli.ReadAsync(repo.Git, ["rev-parse", head + "^{tree}"], ct: ct)).Trim();
        var listing = await GitCli.ReadAsync(repo.Git, ["ls-tree", "-z", headTree], ct: ct);
        var entries = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(e => e[(e.IndexOf('\t') + 1)..] != path)
            .Append($"040000 tree {tree}\t{path}").Select(e => e + "\0");
        var grafted = (await GitCli.ReadAsync(repo.Git, ["mktree", "-z"], Encoding.UTF8.GetBytes(string.Concat(entries)), ct: ct)).Trim();
        var graft = await Refs.CommitTreeAsync(repo.Git, grafted, [head], "graft", ct);
        var cleanup = await Refs.CommitTreeAsync(repo.Git, headTree, [graft], "graft cleanup", ct);
        await Refs.UpdateAsync(repo.Git, FullName, cleanup, ct);
        await SetIndexShaAsync(cleanup, readTree: false, ct);
    }

    /// <summary>Stages journal files into .git/annex/index (blobs hashed straight from the journal files).</summary>
    internal async Task StageJournalAsync(IReadOnlyList<(string BranchPath, string FilePath)> entries, CancellationToken ct)
    {
        await using var ui = new UpdateIndex(repo.Git, IndexEnv);
        foreach (var (path, file) in entries)
        {
            var sha = await repo.HashObject.HashFileAsync(file, ct);
            await ui.StageAsync(UpdateIndex.FileMode, sha, path, ct);
        }
        await ui.FinishAsync(ct);
    }

    /// <summary>
    /// Stages the journal into .git/annex/index so that committing it gives <paramref name="branchSha"/> plus the
    /// journal. The journal was written against the commit the index reflects; when the branch has moved on
    /// since (a push straight into git-annex, another process), the journal is staged onto that older state
    /// and the branch union-merged into it, as the reference does (Annex/Branch.hs updateIndex): replacing
    /// the branch's files with journal files computed from older ones would drop the lines the branch gained.
    /// </summary>
    internal async Task StageJournalOntoAsync(string branchSha, IReadOnlyList<(string BranchPath, string FilePath)> entries, CancellationToken ct)
    {
        string? indexSha = null;
        try { indexSha = File.ReadAllText(repo.Locations.AnnexIndexLock).Trim(); } catch (IOException) { }
        bool moved = indexSha != null && indexSha != branchSha && File.Exists(repo.Locations.AnnexIndex)
            && await Refs.IsAncestorAsync(repo.Git, indexSha, branchSha, ct);
        if (!moved)
        {
            await EnsureIndexMatchesAsync(branchSha, ct);
            if (entries.Count > 0) await StageJournalAsync(entries, ct);
            return;
        }
        if (entries.Count > 0) await StageJournalAsync(entries, ct);
        await new BranchMerge(repo, this).MergeIntoIndexAsync(branchSha, ct);
        await SetIndexShaAsync(branchSha, readTree: false, ct);
    }

    /// <summary>.git/annex/index must reflect the branch before staging on top of it; index.lck says which commit it reflects.</summary>
    internal async Task EnsureIndexMatchesAsync(string branchSha, CancellationToken ct)
    {
        string? indexSha = null;
        try { indexSha = File.ReadAllText(repo.Locations.AnnexIndexLock).Trim(); } catch (IOException) { }
        if (indexSha == branchSha && File.Exists(repo.Locations.AnnexIndex)) return;
        await GitCli.ReadAsync(repo.Git, ["read-tree", branchSha], env: IndexEnv, ct: ct);
        await SetIndexShaAsync(branchSha, readTree: false, ct);
    }

    internal async Task SetIndexShaAsync(string sha, bool readTree, CancellationToken ct)
    {
        if (readTree) await GitCli.ReadAsync(repo.Git, ["read-tree", sha], env: IndexEnv, ct: ct);
        Utility.AtomicFile.WriteText(repo.Locations.AnnexIndexLock, sha + "\n", durable: false);
    }
}
