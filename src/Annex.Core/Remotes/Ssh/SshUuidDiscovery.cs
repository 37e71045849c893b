using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.P2P.Transport;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Ssh;

/// <summary>What asking an ssh remote for its config found.</summary>
public enum ConfigListOutcome
{
    /// <summary>A git-annex repository; its UUID is now cached in remote.NAME.annex-uuid.</summary>
    Annex,
    /// <summary>git-annex-shell answered with config but no UUID (e.g. an uninitialised repository).</summary>
    NoUuid,
    /// <summary>No git-annex-shell there; remote.NAME.annex-ignore (and -auto) are now set.</summary>
    NotAnnex,
    /// <summary>ssh could not connect (exit 255); nothing recorded, try again later.</summary>
    Unreachable,
}

public sealed record ConfigListResult(ConfigListOutcome Outcome, Uuid Uuid, string? GcryptId);

/// <summary>
/// Learns an ssh remote's UUID the way git-annex does on first contact (Remote/Git.hs tryGitConfigRead):
/// run `git-annex-shell configlist PATH` over ssh (stdin not consumed), cache annex.uuid in
/// remote.NAME.annex-uuid, and when the remote has no git-annex set annex-ignore with the reference's warnings.
/// </summary>
public static class SshUuidDiscovery
{
    /// <summary>Starts the ssh process; tests substitute a fake to avoid a real ssh.</summary>
    public delegate ProcessStdioTransport Starter(SshInvocation invocation, CancellationToken ct);

    public static ProcessStdioTransport StartProcess(SshInvocation i, CancellationToken ct) =>
        ProcessStdioTransport.Start(i.Program, i.Arguments, i.WorkingDirectory, null, ct);

    public static async Task<ConfigListResult> DiscoverAsync(AnnexRepo repo, string remoteName, SshUrl url,
        SshSettings settings, Action<string> warn, bool autoInit = false, Starter? start = null, CancellationToken ct = default)
    {
        var command = GitAnnexShellCommand.ConfigList(settings.ShellProgram, url.Path, default, autoInit);
        var ssh = SshCommand.Build(url, command, settings, consumeStdin: false);
        var (code, output) = await RunAsync(ssh, start ?? StartProcess, ct);

        if (code != 0)
        {
            warn($"Unable to parse git config from {remoteName}");
            if (code == 255)
            {
                warn($"Unable to connect to repository {remoteName} to get its annex.uuid configuration.");
                return new(ConfigListOutcome.Unreachable, default, null);
            }
            await SetIgnoreAsync(repo, remoteName, warn, ct);
            return new(ConfigListOutcome.NotAnnex, default, null);
        }
        var config = ConfigList.Parse(output);
        if (!config.HasConfig)
        {
            await SetIgnoreAsync(repo, remoteName, warn, ct);
            return new(ConfigListOutcome.NotAnnex, default, null);
        }
        if (config.Uuid.IsEmpty)
        {
            if (autoInit)
            {
                warn($"Failed to get annex.uuid configuration of repository {remoteName}");
                warn("This is unexpected; please check the network transport!");
            }
            return new(ConfigListOutcome.NoUuid, default, config.GcryptId);
        }
        await repo.Config.SetAsync(repo.Git, $"remote.{remoteName}.annex-uuid", config.Uuid.Value, ct);
        return new(ConfigListOutcome.Annex, config.Uuid, config.GcryptId);
    }

    private static async Task<(int Code, byte[] Output)> RunAsync(SshInvocation ssh, Starter start, CancellationToken ct)
    {
        using var socketLock = SshConnectionLock.Take(ssh);
        await using var transport = start(ssh, ct);
        transport.Output.Close(); // configlist reads nothing; ssh -n already keeps our stdin away from it
        using var buffer = new MemoryStream();
        await transport.Input.CopyToAsync(buffer, ct);
        return (await transport.WaitForExitAsync(ct), buffer.ToArray());
    }

    // Same messages and settings as the reference's configlist_failed.
    private static async Task SetIgnoreAsync(AnnexRepo repo, string name, Action<string> warn, CancellationToken ct)
    {
        warn($"Remote {name} does not have git-annex installed; setting annex-ignore");
        warn("This could be a problem with the git-annex installation on the remote. Please make sure that git-annex-shell is available in PATH when you ssh into the remote. Once you have fixed the git-annex installation, run: git annex enableremote " + name);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-ignore", "true", ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-ignore-auto", "true", ct);
    }
}
