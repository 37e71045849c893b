using Annex.Core.Logs;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// The one string given to ssh to run git-annex-shell on the remote (Remote/Helper/Ssh.hs git_annex_shell,
/// doc/git-annex-shell.mdwn): the program name bare (remote.NAME.annex-shell replaces it), the command,
/// path and parameters shell-quoted, "--uuid U" unquoted, then a quoted "-- field=value --" block.
/// </summary>
public static class GitAnnexShellCommand
{
    public const string DefaultProgram = "git-annex-shell";

    public static string Build(string? shellProgram, string command, string repoPath, IEnumerable<string> parameters,
        Uuid remoteUuid = default, IReadOnlyList<KeyValuePair<string, string>>? fields = null, bool debug = false)
    {
        var words = new List<string> { string.IsNullOrEmpty(shellProgram) ? DefaultProgram : shellProgram };
        words.Add(ShellQuote.Escape(command));
        words.Add(ShellQuote.Escape(repoPath));
        if (debug) words.Add(ShellQuote.Escape("--debug"));
        foreach (var p in parameters) words.Add(ShellQuote.Escape(p));
        // An unknown remote UUID is left out: the shell then serves whatever repository is at the path.
        if (!remoteUuid.IsEmpty) { words.Add("--uuid"); words.Add(remoteUuid.Value); }
        if (fields is { Count: > 0 })
        {
            words.Add(ShellQuote.Escape("--"));
            foreach (var (k, v) in fields) words.Add(ShellQuote.Escape(k + "=" + v));
            words.Add(ShellQuote.Escape("--"));
        }
        return string.Join(' ', words);
    }

    /// <summary>`configlist`: prints the remote's annex.uuid and core.gcrypt-id; autoinit asks it to initialise.</summary>
    public static string ConfigList(string? shellProgram, string repoPath, Uuid remoteUuid = default, bool autoInit = false, bool debug = false) =>
        Build(shellProgram, "configlist", repoPath, [], remoteUuid,
            autoInit ? [new("autoinit", "1")] : null, debug);

    /// <summary>`p2pstdio`: the P2P protocol on stdin/stdout, announcing our UUID.</summary>
    public static string P2PStdio(string? shellProgram, string repoPath, Uuid localUuid, Uuid remoteUuid, bool debug = false) =>
        Build(shellProgram, "p2pstdio", repoPath, [localUuid.Value], remoteUuid, null, debug);
}
