using Annex.Core.Git;
using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>
/// Every key that has a location log in the git-annex branch or the journal (Logs/Location.hs
/// loggedKeys): what --all and commands in a bare repository iterate over. Branch files first, in
/// ls-tree order, then keys only journalled so far.
/// </summary>
public static class LoggedKeys
{
    /// <summary>The key a branch path names when it is a location log ("aaa/bbb/KEY.log"), else null.</summary>
    public static Key? FromLocationLogPath(string path)
    {
        if (!path.EndsWith(".log", StringComparison.Ordinal)) return null;
        var parts = path.Split('/');
        if (parts.Length != 3 || parts[0].Length != 3 || parts[1].Length != 3) return null;
        var name = parts[2][..^4];
        return KeyFile.TryParse(name, out var key) ? key : null;
    }

    public static async IAsyncEnumerable<Key> AllAsync(AnnexRepo repo,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await repo.Branch.UpdateAsync(ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (await Refs.ShaOfAsync(repo.Git, AnnexBranch.FullName, ct) != null)
        {
            await foreach (var path in LsFiles.ZeroSeparatedAsync(repo.Git,
                               ["ls-tree", "-r", "-z", "--name-only", AnnexBranch.FullName], ct))
            {
                if (FromLocationLogPath(path) is { } key && seen.Add(path)) yield return key;
            }
        }
        foreach (var (path, _) in repo.Branch.Journal.Entries().OrderBy(e => e.BranchPath, StringComparer.Ordinal))
            if (FromLocationLogPath(path) is { } key && seen.Add(path)) yield return key;
    }
}
