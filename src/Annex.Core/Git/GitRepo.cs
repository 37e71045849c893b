using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>
/// Where a repository lives: its git directory and (unless bare) its work tree.
/// Found the way git finds it (GIT_DIR / GIT_WORK_TREE, then walking up for .git),
/// without starting git, because every git-annex invocation needs it first.
/// </summary>
public sealed record GitRepo(string GitDir, string? WorkTree)
{
    public bool IsBare => WorkTree == null;

    /// <summary>GIT_COMMON_DIR, for a scratch git dir that shares the objects and refs of a real one (adjusted branch merges).</summary>
    public string? CommonDir { get; init; }

    /// <summary>The directory git commands run in.</summary>
    public string TopDir => WorkTree ?? GitDir;

    /// <summary>Environment for git children: pins them to this repository whatever their working directory.</summary>
    public IReadOnlyDictionary<string, string?> GitEnv(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?> { ["GIT_DIR"] = GitDir };
        if (WorkTree != null) env["GIT_WORK_TREE"] = WorkTree;
        if (CommonDir != null) env["GIT_COMMON_DIR"] = CommonDir;
        if (extra != null) foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    public static GitRepo? Discover(string startDir)
    {
        var envDir = Environment.GetEnvironmentVariable("GIT_DIR");
        if (!string.IsNullOrEmpty(envDir))
        {
            var gd = Path.GetFullPath(envDir, startDir);
            var wt = Environment.GetEnvironmentVariable("GIT_WORK_TREE");
            if (!string.IsNullOrEmpty(wt)) return new GitRepo(gd, Path.GetFullPath(wt, startDir));
            // core.worktree is relative to the git directory (git-config(1)).
            if (CoreValue(gd, "worktree") is { Length: > 0 } cw) return new GitRepo(gd, Path.GetFullPath(cw, gd).TrimEnd('/'));
            return IsBareConfig(gd) ? new GitRepo(gd, null) : new GitRepo(gd, Path.GetDirectoryName(gd.TrimEnd('/')));
        }
        for (var dir = Path.GetFullPath(startDir); dir != null; dir = Path.GetDirectoryName(dir))
        {
            var dotgit = Path.Combine(dir, ".git");
            if (Directory.Exists(dotgit) && LooksLikeGitDir(dotgit)) return new GitRepo(dotgit, dir);
            if (File.Exists(dotgit))
            {
                var target = ReadGitFile(dotgit, dir);
                if (target != null) return new GitRepo(target, dir);
            }
            if (LooksLikeGitDir(dir) && IsBareConfig(dir)) return new GitRepo(dir, null);
        }
        return null;
    }

    public static GitRepo DiscoverOrFail(string startDir) =>
        Discover(startDir) ?? throw new UserErrorException("Not in a git repository.");

    /// <summary>Opens a repository at a known path (a remote given as a local path), bare or not.</summary>
    public static GitRepo? At(string path)
    {
        var full = Path.GetFullPath(path);
        var dotgit = Path.Combine(full, ".git");
        if (Directory.Exists(dotgit) && LooksLikeGitDir(dotgit)) return new GitRepo(dotgit, full);
        if (File.Exists(dotgit)) { var t = ReadGitFile(dotgit, full); if (t != null) return new GitRepo(t, full); }
        if (LooksLikeGitDir(full)) return new GitRepo(full, IsBareConfig(full) ? null : Path.GetDirectoryName(full));
        return null;
    }

    private static bool LooksLikeGitDir(string d) =>
        File.Exists(Path.Combine(d, "HEAD")) && Directory.Exists(Path.Combine(d, "objects"));

    private static string? ReadGitFile(string file, string baseDir)
    {
        var text = File.ReadAllText(file).Trim();
        if (!text.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
        return Path.GetFullPath(text["gitdir:".Length..].Trim(), baseDir);
    }

    /// <summary>core.bare from the repository's own config file, read without starting git.</summary>
    private static bool IsBareConfig(string gitDir)
    {
        if (!File.Exists(Path.Combine(gitDir, "config"))) return !Path.GetFileName(gitDir.TrimEnd('/')).Equals(".git", StringComparison.Ordinal);
        return CoreValue(gitDir, "bare")?.ToLowerInvariant() is "true" or "yes" or "on" or "1";
    }

    /// <summary>A plain core.NAME value from the repository's own config file (no includes, no quoting).</summary>
    private static string? CoreValue(string gitDir, string name)
    {
        var cfg = Path.Combine(gitDir, "config");
        if (!File.Exists(cfg)) return null;
        bool inCore = false;
        foreach (var raw in File.ReadLines(cfg))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) { inCore = line.StartsWith("[core]", StringComparison.OrdinalIgnoreCase); continue; }
            if (!inCore) continue;
            var eq = line.IndexOf('=');
            if (eq > 0 && line[..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) return line[(eq + 1)..].Trim();
        }
        return null;
    }
}
