using System.Globalization;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// Builds the ssh process for running one command on a remote host, argument for argument as git-annex
/// does (Annex/Ssh.hs sshCommand and sshOptions, Git/Ssh.hs gitSsh'):
///   ssh HOST [-S SOCK -o ControlMaster=auto -o ControlPersist=yes] [OPTIONS] [-p PORT] [-n] -T CMD
/// or, only when GIT_ANNEX_USE_GIT_SSH=1, GIT_SSH_COMMAND / GIT_SSH given git's own arguments
/// ([-n] HOST [-p PORT] CMD), with GIT_SSH_COMMAND run by sh -c when it contains whitespace.
/// </summary>
public static class SshCommand
{
    /// <param name="consumeStdin">false adds -n: the remote command is not fed our stdin (configlist).</param>
    public static SshInvocation Build(SshUrl url, string remoteCommand, SshSettings settings, bool consumeStdin)
    {
        var stdinParams = consumeStdin ? Array.Empty<string>() : ["-n"];
        var viaGit = GitSsh(url, remoteCommand, settings, stdinParams);
        if (viaGit != null) return viaGit;

        var socket = SocketFor(url, settings);
        var args = new List<string> { url.HostUser };
        args.AddRange(Options(url, settings, socket, stdinParams));
        args.Add(remoteCommand);
        return new SshInvocation("ssh", args, socket, settings.WorkingDirectory);
    }

    /// <summary>
    /// The connection warm-up git-annex runs before concurrent transfers, so at most one ssh prompts
    /// for a password: ssh -o BatchMode=true [caching] [options] [-p] -n -T HOST true.
    /// Null when caching is not in use.
    /// </summary>
    public static SshInvocation? WarmUp(SshUrl url, SshSettings settings, bool batchMode = true)
    {
        if (UsesGitSsh(settings)) return null;
        var socket = SocketFor(url, settings);
        if (socket == null) return null;
        var args = new List<string>();
        if (batchMode) args.AddRange(["-o", "BatchMode=true"]);
        args.AddRange(Options(url, settings, socket, ["-n"]));
        args.AddRange([url.HostUser, "true"]);
        return new SshInvocation("ssh", args, socket, settings.WorkingDirectory);
    }

    /// <summary>Stops the master on <paramref name="socketFile"/>: run in its directory with the bare file name,
    /// as the reference does, so the path always fits in a socket address.</summary>
    public static SshInvocation Stop(string socketFile)
    {
        var full = Path.GetFullPath(socketFile);
        var args = new List<string> { "-O", "stop" };
        args.AddRange(SshSocket.CachingOptions(Path.GetFileName(full)));
        args.Add("localhost");
        return new SshInvocation("ssh", args, null, Path.GetDirectoryName(full));
    }

    /// <summary>True when GIT_SSH or GIT_SSH_COMMAND will be used (and git-annex's own caching and options will not).</summary>
    public static bool UsesGitSsh(SshSettings s) =>
        s.GetEnv("GIT_ANNEX_USE_GIT_SSH") == "1" && (!string.IsNullOrEmpty(s.GetEnv("GIT_SSH_COMMAND")) || !string.IsNullOrEmpty(s.GetEnv("GIT_SSH")));

    private static string? SocketFor(SshUrl url, SshSettings s) =>
        s.SocketDirectory == null ? null
        : SshSocket.BestPath(Path.Combine(s.SocketDirectory, SshSocket.FileName(url.HostUser, url.Port)), s.WorkingDirectory);

    private static List<string> Options(SshUrl url, SshSettings s, string? socket, string[] stdinParams)
    {
        var args = new List<string>();
        if (socket != null) args.AddRange(SshSocket.CachingOptions(socket));
        args.AddRange(s.Options);
        if (url.Port is { } p) args.AddRange(["-p", p.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(stdinParams);
        args.Add("-T");
        return args;
    }

    // Only with GIT_ANNEX_USE_GIT_SSH=1: the -n git-annex adds breaks wrappers that expect git's exact
    // arguments, so the reference does not use these variables otherwise. An empty variable counts as unset.
    private static SshInvocation? GitSsh(SshUrl url, string remoteCommand, SshSettings s, string[] stdinParams)
    {
        if (s.GetEnv("GIT_ANNEX_USE_GIT_SSH") != "1") return null;
        var args = new List<string>(stdinParams) { url.HostUser };
        if (url.Port is { } p) args.AddRange(["-p", p.ToString(CultureInfo.InvariantCulture)]);
        args.Add(remoteCommand);
        var command = s.GetEnv("GIT_SSH_COMMAND");
        if (!string.IsNullOrEmpty(command))
        {
            // Like git, run it through the shell only when it has whitespace. The arguments are quoted
            // into the string rather than passed as "$@", as the reference does.
            if (command.Any(char.IsWhiteSpace))
                return new SshInvocation("sh", ["-c", command + " " + string.Join(' ', args.Select(ShellQuote.Escape))], null, s.WorkingDirectory);
            return new SshInvocation(command, args, null, s.WorkingDirectory);
        }
        var program = s.GetEnv("GIT_SSH");
        return string.IsNullOrEmpty(program) ? null : new SshInvocation(program, args, null, s.WorkingDirectory);
    }
}
