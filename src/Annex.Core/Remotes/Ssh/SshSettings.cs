using Annex.Core.Git;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// What shapes an ssh command line besides the URL: the user's ssh options, where connection-caching
/// sockets go (null: no caching), the directory ssh runs in (socket paths may be relative to it) and
/// the environment (GIT_SSH, GIT_SSH_COMMAND, GIT_ANNEX_USE_GIT_SSH), passed in so tests can fake it.
/// </summary>
public sealed record SshSettings
{
    public IReadOnlyList<string> Options { get; init; } = [];
    public string? SocketDirectory { get; init; }
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
    public Func<string, string?> GetEnv { get; init; } = Environment.GetEnvironmentVariable;
    /// <summary>remote.NAME.annex-shell: the git-annex-shell program on the remote.</summary>
    public string? ShellProgram { get; init; }

    /// <summary>
    /// Settings for remote <paramref name="remoteName"/> (doc/git-annex.mdwn): remote.NAME.annex-ssh-options
    /// replaces (does not extend) annex.ssh-options; annex.sshcaching=false turns caching off; sockets
    /// live in .git/annex/ssh/.
    /// </summary>
    public static SshSettings ForRemote(GitConfig config, GitRepo repo, string remoteName, string? workingDirectory = null,
        Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        return new()
        {
            Options = ShellQuote.SplitWords(config.Get($"remote.{remoteName}.annex-ssh-options") ?? config.Get("annex.ssh-options")),
            SocketDirectory = SocketDirectoryFor(config, repo, getEnv),
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            GetEnv = getEnv,
            ShellProgram = config.Get($"remote.{remoteName}.annex-shell"),
        };
    }

    /// <summary>
    /// A crippled filesystem probably cannot hold the sockets, so there they go under GIT_ANNEX_SSH_SOCKET_DIR
    /// if that is set, else caching is off (Annex/Ssh.hs sshCacheDir').
    /// </summary>
    private static string? SocketDirectoryFor(GitConfig config, GitRepo repo, Func<string, string?> getEnv)
    {
        if (!config.GetBool("annex.sshcaching", true)) return null;
        if (!config.GetBool("annex.crippledfilesystem", false)) return Path.Combine(repo.GitDir, "annex", "ssh");
        return getEnv("GIT_ANNEX_SSH_SOCKET_DIR") is { Length: > 0 } dir ? Path.Combine(dir, "ssh") : null;
    }
}
