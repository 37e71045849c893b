using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// The GIT_ANNEX_SHELL_* restrictions (doc/git-annex-shell.mdwn, CmdLine/GitAnnexShell/Checks.hs). A variable
/// counts as set when it is non-empty. Texts and the exit code (1) are the reference's.
/// </summary>
public sealed class ShellChecks(Func<string, string?> getEnv, string home)
{
    public const string ReadOnlyEnv = "GIT_ANNEX_SHELL_READONLY", AppendOnlyEnv = "GIT_ANNEX_SHELL_APPENDONLY",
        LimitedEnv = "GIT_ANNEX_SHELL_LIMITED", DirectoryEnv = "GIT_ANNEX_SHELL_DIRECTORY";

    public static ShellChecks FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h
            ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public string Home => home;

    public bool IsSet(string var) => !string.IsNullOrEmpty(getEnv(var));

    public void CheckNot(string var)
    {
        if (IsSet(var)) throw new UserErrorException($"Action blocked by {var}");
    }

    /// <summary>
    /// With GIT_ANNEX_SHELL_DIRECTORY set, the command's directory must be that directory: equal as written, or
    /// equal once both are made absolute (relative to home), normalised ("..", "." and repeated '/') and shown
    /// relative to home as "~/…". A path that leaves the allowed directory by ".." is therefore refused; no
    /// prefix match is allowed, so nothing below it (or reached by a symlink under it) is accepted either.
    /// </summary>
    public void CheckDirectory(string? dir)
    {
        var allowed = getEnv(DirectoryEnv);
        if (allowed == null) return;
        if (dir == null)
            throw new UserErrorException($"Only allowed to access {allowed} and could not determine directory from command line");
        if (EqualPath(allowed, dir)) return;
        var a = Canonical(allowed);
        var d = Canonical(dir);
        if (EqualPath(a, d)) return;
        throw new UserErrorException($"Only allowed to access {a} not {d}");
    }

    /// <summary>A directory as the reference canonicalises it for the comparison: "~/x", "/~/x" -> "~/x", else absolute from home, under home shown as "~/…".</summary>
    public string Canonical(string d)
    {
        if (d.StartsWith("~/", StringComparison.Ordinal)) return d;
        if (d.StartsWith("/~/", StringComparison.Ordinal)) return d[1..];
        var abs = Normalise(d.StartsWith('/') ? d : home.TrimEnd('/') + "/" + d);
        var h = Normalise(home);
        if (abs == h) return "~/";
        if (h == "/") return "~" + abs;
        return abs.StartsWith(h + "/", StringComparison.Ordinal) ? "~/" + abs[(h.Length + 1)..] : abs;
    }

    /// <summary>Removes ".", "..", repeated and trailing '/' textually (as the reference's absPathFrom; no symlinks resolved).</summary>
    public static string Normalise(string absolute)
    {
        var parts = new List<string>();
        foreach (var p in absolute.Split('/'))
        {
            if (p is "" or ".") continue;
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else parts.Add(p);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>filepath's equalFilePath on POSIX: equal after collapsing "/./", repeated and trailing '/'.</summary>
    public static bool EqualPath(string a, string b) => Light(a) == Light(b);

    private static string Light(string p)
    {
        bool abs = p.StartsWith('/');
        var parts = p.Split('/').Where(x => x is not ("" or ".")).ToArray();
        var s = string.Join('/', parts);
        return abs ? "/" + s : s;
    }
}
