using Annex.Core.Git;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// Transitions of the git-annex branch (Annex/Branch.hs handleTransitions, performTransitions;
/// doc/git-annex-forget.mdwn). A transition recorded in transitions.log rewrites the branch without
/// its history. When a merge brings together branches whose transitions differ, the merged content is
/// committed on top of only those branches that already have every transition (a new parentless
/// branch when none has), and branches lacking some are remembered in .git/annex/ignoredrefs so their
/// old history is never merged back in.
/// </summary>
public sealed class BranchTransitions(AnnexRepo repo, AnnexBranch branch)
{
    public const string LogFile = "transitions.log";

    private string IgnoredRefsFile => Path.Combine(repo.Locations.AnnexDir, "ignoredrefs");

    /// <summary>The transitions recorded in a commit of the branch (empty when none).</summary>
    public async Task<string> OfRefAsync(string refOrSha, CancellationToken ct) =>
        Normalize(await repo.CatFile.ReadBlobAsync(refOrSha + ":" + LogFile, ct));

    /// <summary>The local transitions: the journal's transitions.log, else the branch's.</summary>
    public async Task<string> LocalAsync(string branchSha, CancellationToken ct) =>
        Normalize(branch.Journal.Read(LogFile) ?? await repo.CatFile.ReadBlobAsync(branchSha + ":" + LogFile, ct));

    /// <summary>Transitions as a canonical string, so two sets compare equal exactly when their lines do.</summary>
    public static string Normalize(byte[]? content) =>
        content == null ? "" : System.Text.Encoding.UTF8.GetString(TransitionsLog.Parse(content).Format());

    public static string Describe(string transitions)
    {
        var names = TransitionsLog.Parse(System.Text.Encoding.UTF8.GetBytes(transitions)).Lines
            .Select(l => l.Name switch { "ForgetGitHistory" => "forget git history", "ForgetDeadRemotes" => "forget dead remotes", var n => n })
            .Distinct();
        return string.Join(", ", names);
    }

    /// <summary>
    /// Called with the merged index staged, before it is committed. Returns the commit made when the
    /// transitions differ (the caller then commits nothing), or null when they agree.
    /// </summary>
    public async Task<string?> HandleAsync(string localTs, string ours, IReadOnlyList<string> mergedShas, CancellationToken ct)
    {
        var commitRefs = new List<string> { ours };
        commitRefs.AddRange(mergedShas.Where(s => s != ours).Distinct());
        var remoteTs = new Dictionary<string, string>();
        foreach (var r in commitRefs) remoteTs[r] = await OfRefAsync(r, ct);
        if (remoteTs.Values.All(t => t == localTs)) return null;

        var all = Normalize(System.Text.Encoding.UTF8.GetBytes(localTs + string.Concat(remoteTs.Values)));
        if (TransitionsLog.Parse(System.Text.Encoding.UTF8.GetBytes(all)).Lines.Any(l => l.Name == "ForgetDeadRemotes"))
            throw new Utility.UserErrorException("the ForgetDeadRemotes transition is not implemented in this version of git-annex");
        var transitioned = commitRefs.Where(r => remoteTs[r] == all).ToList();
        var untransitioned = commitRefs.Where(r => remoteTs[r] != all && r != ours).ToList();
        bool newBranch = localTs != all;
        var commit = await CommitAsync(newBranch ? transitioned : [ours, .. transitioned.Where(t => t != ours)],
            (newBranch && transitioned.Count == 0 ? "new branch for transition " : "continuing transition ") + Describe(all), ct);
        Ignore(untransitioned);
        return commit;
    }

    /// <summary>forget: the branch as it is now, committed again with no history.</summary>
    public async Task<string> NewBranchAsync(string transitions, CancellationToken ct) =>
        await CommitAsync([], "new branch for transition " + Describe(transitions), ct);

    private async Task<string> CommitAsync(IReadOnlyList<string> parents, string message, CancellationToken ct)
    {
        var tree = await Refs.WriteTreeAsync(repo.Git, branch.IndexEnv, ct);
        var commit = await Refs.CommitTreeAsync(repo.Git, tree, parents, message, ct);
        await Refs.UpdateAsync(repo.Git, AnnexBranch.FullName, commit, ct);
        await branch.SetIndexShaAsync(commit, readTree: false, ct);
        return commit;
    }

    public HashSet<string> IgnoredRefs()
    {
        try { return File.ReadAllLines(IgnoredRefsFile).Where(l => l.Length > 0).ToHashSet(); }
        catch (IOException) { return []; }
    }

    private void Ignore(IEnumerable<string> shas)
    {
        var set = new SortedSet<string>(IgnoredRefs(), StringComparer.Ordinal);
        int before = set.Count;
        set.UnionWith(shas);
        if (set.Count != before) Utility.AtomicFile.WriteText(IgnoredRefsFile, string.Concat(set.Select(s => s + "\n")), durable: false);
    }
}
