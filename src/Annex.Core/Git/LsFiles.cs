using System.Runtime.CompilerServices;
using System.Text;

namespace Annex.Core.Git;

/// <summary>One index entry as printed by `git ls-files -s`.</summary>
public sealed record IndexEntry(string Mode, string Sha, int Stage, string Path)
{
    public bool IsSymlink => Mode == UpdateIndex.SymlinkMode;
}

/// <summary>Streams `git ls-files` output (-z), so huge trees never sit in memory as one string.</summary>
public static class LsFiles
{
    /// <summary>Staged entries under the given paths (relative to the top of the work tree).</summary>
    public static async IAsyncEnumerable<IndexEntry> StagedAsync(GitRepo repo, IReadOnlyList<string> paths,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var rec in ZeroSeparatedAsync(repo, ["ls-files", "-z", "--stage", "--", .. paths], ct))
        {
            // "<mode> <sha> <stage>\t<path>"
            int tab = rec.IndexOf('\t');
            var meta = rec[..tab].Split(' ');
            yield return new IndexEntry(meta[0], meta[1], int.Parse(meta[2]), rec[(tab + 1)..]);
        }
    }

    /// <summary>Untracked, not ignored files under the given paths.</summary>
    public static IAsyncEnumerable<string> OthersAsync(GitRepo repo, IReadOnlyList<string> paths, CancellationToken ct = default) =>
        ZeroSeparatedAsync(repo, ["ls-files", "-z", "--others", "--exclude-standard", "--", .. paths], ct);

    /// <summary>Tracked files that were modified in the work tree (type changes included).</summary>
    public static IAsyncEnumerable<string> ModifiedAsync(GitRepo repo, IReadOnlyList<string> paths, CancellationToken ct = default) =>
        ZeroSeparatedAsync(repo, ["ls-files", "-z", "--modified", "--", .. paths], ct);

    /// <summary>Tracked files deleted from the work tree.</summary>
    public static IAsyncEnumerable<string> DeletedAsync(GitRepo repo, IReadOnlyList<string> paths, CancellationToken ct = default) =>
        ZeroSeparatedAsync(repo, ["ls-files", "-z", "--deleted", "--", .. paths], ct);

    public static async IAsyncEnumerable<string> ZeroSeparatedAsync(GitRepo repo, IReadOnlyList<string> args,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var p = GitCli.StartCoProcess(repo, args);
        p.CloseInput();
        while (await p.Output.ReadUntilAsync(0, ct) is { } rec)
            if (rec.Length > 0) yield return Encoding.UTF8.GetString(rec);
        var rc = await p.CloseAsync(ct);
        if (rc != 0) throw new Utility.UserErrorException($"git {args[0]} failed");
    }
}
