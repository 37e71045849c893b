using System.Text;
using Annex.Core.Git;

namespace Annex.Core.Annex;

/// <summary>
/// Union merge of other repositories' git-annex branches into ours (Git/UnionMerge.hs semantics):
/// a file changed on both sides becomes the sorted, de-duplicated union of its lines. Fast-forwards
/// when our branch has nothing of its own. Refs already merged are remembered in .git/annex/mergedrefs.
/// </summary>
internal sealed class BranchMerge(AnnexRepo repo, AnnexBranch branch)
{
    public async Task MergeSiblingsAsync(string ours, CancellationToken ct)
    {
        var merged = ReadMergedRefs();
        var transitions = new BranchTransitions(repo, branch);
        merged.UnionWith(transitions.IgnoredRefs());
        var candidates = new List<(string Name, string Sha)>();
        // Only remote-tracking and synced git-annex branches are siblings; listing just those keeps this
        // cheap in repositories with many tags and branches.
        var siblings = await Refs.ListAsync(repo.Git, ["refs/remotes/*/git-annex", "refs/remotes/*/synced/git-annex", "refs/heads/synced/git-annex"], ct);
        foreach (var (name, sha) in siblings)
        {
            if (name == AnnexBranch.FullName || !name.EndsWith("/git-annex", StringComparison.Ordinal)) continue;
            if (!name.StartsWith("refs/remotes/", StringComparison.Ordinal) && name != "refs/heads/synced/git-annex") continue;
            if (sha == ours || merged.Contains(sha) || candidates.Any(c => c.Sha == sha)) continue;
            candidates.Add((name, sha));
        }
        var toMerge = new List<(string Name, string Sha)>();
        foreach (var c in candidates)
            if (!await Refs.IsAncestorAsync(repo.Git, c.Sha, ours, ct)) toMerge.Add(c);
        if (toMerge.Count == 0) { RememberMerged(candidates); return; }

        using var lk = branch.Journal.TakeLock();
        bool dirty = branch.Journal.IsDirty;
        var localTs = await transitions.LocalAsync(ours, ct);
        bool sameTransitions = true;
        foreach (var m in toMerge) sameTransitions &= await transitions.OfRefAsync(m.Sha, ct) == localTs;
        // Fast-forward when possible and nothing local is pending.
        if (!dirty && sameTransitions && toMerge.Count == 1 && await Refs.IsAncestorAsync(repo.Git, ours, toMerge[0].Sha, ct))
        {
            await Refs.UpdateAsync(repo.Git, AnnexBranch.FullName, toMerge[0].Sha, ct);
            await branch.SetIndexShaAsync(toMerge[0].Sha, readTree: true, ct);
            RememberMerged(candidates);
            return;
        }
        var entries = branch.Journal.Entries();
        await branch.StageJournalOntoAsync(ours, entries, ct);
        foreach (var (_, sha) in toMerge) await MergeIntoIndexAsync(sha, ct);
        if (await transitions.HandleAsync(localTs, ours, toMerge.Select(m => m.Sha).ToList(), ct) != null)
        {
            foreach (var (_, file) in entries) File.Delete(file);
            RememberMerged(candidates);
            return;
        }
        var tree = await Refs.WriteTreeAsync(repo.Git, branch.IndexEnv, ct);
        var message = "merging " + string.Join(' ', toMerge.Select(m => Describe(m.Name))) + " into git-annex";
        var commit = await Refs.CommitTreeAsync(repo.Git, tree, [ours, .. toMerge.Select(m => m.Sha)], message, ct);
        await Refs.UpdateAsync(repo.Git, AnnexBranch.FullName, commit, ct);
        await branch.SetIndexShaAsync(commit, readTree: false, ct);
        foreach (var (_, file) in entries) File.Delete(file);
        RememberMerged(candidates);
    }

    private static string Describe(string refName) =>
        refName.StartsWith("refs/remotes/", StringComparison.Ordinal) ? refName["refs/remotes/".Length..]
        : refName.StartsWith("refs/heads/", StringComparison.Ordinal) ? refName["refs/heads/".Length..] : refName;

    /// <summary>Merges one tree into the annex index: each file differing between index and tree gets the union of both.</summary>
    internal async Task MergeIntoIndexAsync(string sha, CancellationToken ct)
    {
        var diff = await GitCli.RunAsync(repo.Git,
            ["diff-index", "--raw", "-z", "-r", "--no-renames", "-l0", "--cached", sha, "--"], env: branch.IndexEnv, ct: ct);
        if (!diff.Ok) throw new Utility.UserErrorException("git diff-index failed: " + diff.Stderr);
        var fields = Encoding.UTF8.GetString(diff.Stdout).Split('\0');
        await using var ui = new UpdateIndex(repo.Git, branch.IndexEnv);
        for (int i = 0; i + 1 < fields.Length; i += 2)
        {
            var info = fields[i].Split(' ');
            var path = fields[i + 1];
            if (info.Length < 5) continue;
            var shas = new[] { info[2], info[3] }.Where(s => s.Trim('0').Length > 0).ToList();
            if (shas.Count == 0) continue;
            var merged = await UnionAsync(shas, ct);
            await ui.StageAsync(UpdateIndex.FileMode, merged, path, ct);
        }
        await ui.FinishAsync(ct);
    }

    private async Task<string> UnionAsync(IReadOnlyList<string> shas, CancellationToken ct)
    {
        if (shas.Count == 1) return shas[0];
        var contents = new List<(string Sha, List<string> Lines)>();
        foreach (var s in shas)
        {
            var blob = await repo.CatFile.ReadBlobAsync(s, ct) ?? [];
            contents.Add((s, SortedUniqueLines(blob)));
        }
        var union = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, lines) in contents) union.UnionWith(lines);
        var all = union.ToList();
        foreach (var (s, lines) in contents)
            if (lines.SequenceEqual(all)) return s;
        var text = string.Concat(all.Select(l => l + "\n"));
        return await repo.HashObject.HashBytesAsync(Encoding.Latin1.GetBytes(text), ct);
    }

    internal static List<string> SortedUniqueLines(byte[] blob)
    {
        // Latin1 keeps one char per byte: ordinal order is the reference's byte order, and bytes
        // that are not valid UTF-8 survive the merge unchanged.
        var text = Encoding.Latin1.GetString(blob);
        return new SortedSet<string>(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal).ToList();
    }

    private HashSet<string> ReadMergedRefs()
    {
        var set = new HashSet<string>();
        try
        {
            foreach (var line in File.ReadLines(repo.Locations.MergedRefs))
            {
                int tab = line.IndexOf('\t');
                set.Add(tab < 0 ? line : line[..tab]);
            }
        }
        catch (IOException) { }
        return set;
    }

    private void RememberMerged(IEnumerable<(string Name, string Sha)> refs)
    {
        var list = refs.ToList();
        if (list.Count == 0) return;
        var sb = new StringBuilder();
        foreach (var (name, sha) in list) sb.Append(sha).Append('\t').Append(name).Append('\n');
        try { File.AppendAllText(repo.Locations.MergedRefs, sb.ToString()); } catch (UnauthorizedAccessException) { }
    }
}
