using System.Text;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Recording migrations (Logs/Migrate.hs): while migrating, each file's old and new staged blob
/// (symlink target or pointer) goes to .git/annex/migrate.log as "OLDSHA NEWSHA"; at the end they are
/// committed to the git-annex branch as a tree "migrate.tree" with subtrees old/ and new/ holding the
/// blobs under the names 1, 2, 3..., grafted in by a "graft" commit and removed again by a "graft
/// cleanup" commit, whose sha is added to .git/annex/migrations.log (first line: the null sha until
/// distributed migrations have been scanned). Other repositories find migrations by walking those commits.
/// </summary>
public static class MigrationLog
{
    public const string GraftPoint = "migrate.tree";
    private const string NullSha = "0000000000000000000000000000000000000000";

    public static string LogPath(Locations loc) => Path.Combine(loc.AnnexDir, "migrate.log");
    private static string LockPath(Locations loc) => Path.Combine(loc.AnnexDir, "migrate.lck");
    public static string MigrationsPath(Locations loc) => Path.Combine(loc.AnnexDir, "migrations.log");
    private static string MigrationsLockPath(Locations loc) => Path.Combine(loc.AnnexDir, "migrations.lck");

    /// <summary>Records one file's migration, to be committed by <see cref="CommitAsync"/> (an interrupted run resumes from here).</summary>
    public static void Append(Locations loc, string oldSha, string newSha)
    {
        using var lk = PosixLock.Take(LockPath(loc), exclusive: true, wait: true);
        File.AppendAllText(LogPath(loc), oldSha + " " + newSha + "\n");
    }

    /// <summary>Commits the recorded migrations to the git-annex branch and empties migrate.log; returns the commit, or null when there were none.</summary>
    public static async Task<string?> CommitAsync(AnnexRepo repo, CancellationToken ct)
    {
        var loc = repo.Locations;
        using var lk = PosixLock.Take(LockPath(loc), exclusive: true, wait: true);
        var path = LogPath(loc);
        if (!File.Exists(path)) return null;
        var pairs = new List<(string Old, string New)>();
        foreach (var line in File.ReadAllLines(path))
        {
            var w = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (w.Length == 0) continue;
            if (w.Length != 2) throw new UserErrorException("migrate.log parse error");
            pairs.Add((w[0], w[1]));
        }
        string? commit = null;
        if (pairs.Count > 0)
        {
            var oldTree = await MkTreeAsync(repo.Git, pairs.Select((p, i) => $"100644 blob {p.Old}\t{i + 1}"), ct);
            var newTree = await MkTreeAsync(repo.Git, pairs.Select((p, i) => $"100644 blob {p.New}\t{i + 1}"), ct);
            var migration = await MkTreeAsync(repo.Git, [$"040000 tree {newTree}\tnew", $"040000 tree {oldTree}\told"], ct);
            commit = await RememberTreeAsync(repo, migration, ct);
            RecordCommitted(loc, commit);
        }
        File.WriteAllBytes(path, []);
        return commit;
    }

    /// <summary>
    /// Annex/Branch.hs rememberTreeish: a commit of the branch's tree with <paramref name="tree"/> grafted in
    /// at migrate.tree, then a commit of the original tree on top, so the branch content is unchanged but
    /// its history holds the tree.
    /// </summary>
    private static async Task<string> RememberTreeAsync(AnnexRepo repo, string tree, CancellationToken ct)
    {
        using var jl = repo.Branch.Journal.TakeLock();
        var parent = await repo.Branch.EnsureExistsAsync(ct);
        var origTree = (await GitCli.ReadAsync(repo.Git, ["rev-parse", parent + "^{tree}"], ct: ct)).Trim();
        var entries = (await GitCli.ReadAsync(repo.Git, ["ls-tree", origTree], ct: ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.EndsWith("\t" + GraftPoint, StringComparison.Ordinal))
            .Append($"040000 tree {tree}\t{GraftPoint}");
        var grafted = await MkTreeAsync(repo.Git, entries, ct);
        var c1 = await Refs.CommitTreeAsync(repo.Git, grafted, [parent], "graft", ct);
        var c2 = await Refs.CommitTreeAsync(repo.Git, origTree, [c1], "graft cleanup", ct);
        await GitCli.ReadAsync(repo.Git, ["update-ref", AnnexBranch.FullName, c2, parent], ct: ct);
        // The index reflected the parent's tree, which is c2's tree too; say so, as the reference does.
        await repo.Branch.SetIndexShaAsync(c2, readTree: true, ct);
        return c2;
    }

    private static void RecordCommitted(Locations loc, string commit)
    {
        using var lk = PosixLock.Take(MigrationsLockPath(loc), exclusive: true, wait: true);
        var path = MigrationsPath(loc);
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var text = existing.Trim().Length == 0 ? NullSha + "\n" + commit + "\n" : existing.TrimEnd('\n') + "\n" + commit + "\n";
        AtomicFile.WriteText(path, text, durable: false);
    }

    /// <summary>One migration recorded in the branch: the key an old file had and the key it has now.</summary>
    public sealed record Migration(Keys.Key OldKey, Keys.Key NewKey);

    /// <summary>
    /// Migrations recorded in the git-annex branch by any repository (Logs/Migrate.hs
    /// streamNewDistributedMigrations), oldest first. Incrementally, only those committed since the
    /// first line of migrations.log; the graft commits this repository made itself are skipped. Afterwards
    /// <see cref="RecordScanned"/> stores how far the scan went.
    /// </summary>
    public static async Task<(List<Migration> Found, string BranchSha, List<string> Skipped)> ScanAsync(AnnexRepo repo, bool incremental,
        CancellationToken ct)
    {
        await repo.Branch.UpdateAsync(ct);
        var branch = await repo.Branch.EnsureExistsAsync(ct);
        var (stop, skip) = ReadPerformed(repo.Locations);
        var skipCommits = new HashSet<string>(skip, StringComparer.Ordinal);
        foreach (var c in skip)
        {
            // The log names the "graft cleanup" commit; the files were added by its parent, the "graft".
            var parent = await GitCli.RunAsync(repo.Git, ["rev-parse", "--verify", "-q", c + "^"], ct: ct);
            if (parent.Ok) skipCommits.Add(parent.StdoutText.Trim());
        }
        var range = incremental && stop != null ? stop + ".." + branch : branch;
        var log = await GitCli.ReadAsync(repo.Git, ["log", "--reverse", "--full-history", "--format=commit %H", "--raw", "--no-abbrev", "--no-renames", range, "--", GraftPoint], ct: ct);
        var found = new List<Migration>();
        string? commit = null;
        foreach (var line in log.Split('\n'))
        {
            if (line.StartsWith("commit ", StringComparison.Ordinal)) { commit = line[7..].Trim(); continue; }
            if (commit == null || !line.StartsWith(':') || skipCommits.Contains(commit)) continue;
            int tab = line.IndexOf('\t');
            if (tab < 0) continue;
            var meta = line[1..tab].Split(' ');
            var file = line[(tab + 1)..];
            const string newDir = GraftPoint + "/new/";
            if (meta.Length < 4 || meta[3].Trim('0').Length == 0 || !file.StartsWith(newDir, StringComparison.Ordinal)) continue;
            var newBlob = await repo.CatFile.ReadBlobAsync(meta[3], ct);
            var oldBlob = await repo.CatFile.ReadBlobAsync($"{commit}:{GraftPoint}/old/{file[newDir.Length..]}", ct);
            if (newBlob == null || oldBlob == null) continue;
            if (UnusedKeys.KeyOfBlob(newBlob) is { } newKey && UnusedKeys.KeyOfBlob(oldBlob) is { } oldKey)
                found.Add(new Migration(oldKey, newKey));
        }
        return (found, branch, skip);
    }

    /// <summary>Records that migrations up to <paramref name="branchSha"/> have been handled here (the log's first line).</summary>
    public static void RecordScanned(Locations loc, string branchSha, IReadOnlyCollection<string> handled)
    {
        using var lk = PosixLock.Take(MigrationsLockPath(loc), exclusive: true, wait: true);
        var path = MigrationsPath(loc);
        var lines = File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Skip(1).ToList() : [];
        lines.RemoveAll(handled.Contains);
        AtomicFile.WriteText(path, string.Concat(new[] { branchSha }.Concat(lines).Select(l => l + "\n")), durable: false);
    }

    private static (string? Stop, List<string> Skip) ReadPerformed(Locations loc)
    {
        var path = MigrationsPath(loc);
        if (!File.Exists(path)) return (null, []);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return (null, []);
        return (lines[0] == NullSha ? null : lines[0], lines.Skip(1).ToList());
    }

    private static async Task<string> MkTreeAsync(GitRepo git, IEnumerable<string> entries, CancellationToken ct) =>
        (await GitCli.ReadAsync(git, ["mktree"], Encoding.UTF8.GetBytes(string.Concat(entries.Select(e => e + "\n"))), ct: ct)).Trim();
}
