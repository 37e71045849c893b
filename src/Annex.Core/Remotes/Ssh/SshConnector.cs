using Annex.Core.Logs;
using Annex.Core.P2P.Protocol;
using Annex.Core.P2P.Transport;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Ssh;

/// <summary>One `git-annex-shell p2pstdio` session over ssh: the process, the protocol client on its stdio, and
/// the shared lock that keeps another git-annex from stopping the cached ssh connection under it.</summary>
internal sealed class SshConnection(ProcessStdioTransport transport, P2PClient client, IDisposable? socketLock) : IAsyncDisposable
{
    public P2PClient Client => client;

    /// <summary>Closing stdin ends the session: git-annex-shell commits what it recorded and exits.</summary>
    public async ValueTask DisposeAsync()
    {
        await transport.DisposeAsync();
        await client.DisposeAsync();
        socketLock?.Dispose();
    }
}

/// <summary>Opens P2P sessions to one ssh remote, and stops its cached ssh connection when we are done with it.</summary>
internal sealed class SshConnector(string remoteName, SshUrl url, SshSettings settings, Uuid localUuid, Uuid remoteUuid)
{
    private string? _socket;
    private SshSettings? _transferSettings;

    public async Task<SshConnection> OpenAsync(CancellationToken ct)
    {
        _transferSettings ??= settings with
        {
            Options = [.. settings.Options, .. await SshCipherPreference.ExtraOptionsAsync(url, settings, ct)],
        };
        var command = GitAnnexShellCommand.P2PStdio(settings.ShellProgram, url.Path, localUuid, remoteUuid);
        var ssh = SshCommand.Build(url, command, _transferSettings, consumeStdin: true);
        _socket ??= ssh.SocketFile == null ? null : Path.GetFullPath(ssh.SocketFile, ssh.WorkingDirectory ?? Environment.CurrentDirectory);
        var socketLock = SshConnectionLock.Take(ssh);
        ProcessStdioTransport? transport = null;
        try
        {
            transport = ProcessStdioTransport.Start(ssh.Program, ssh.Arguments, ssh.WorkingDirectory, null, ct);
            var client = await P2PClient.ConnectAsync(transport.Input, transport.Output, OfferedVersion(), ct);
            if (client.ServerUuid != remoteUuid)
            {
                await client.DisposeAsync();
                throw new UserErrorException(
                    $"Remote {remoteName} has UUID {client.ServerUuid.Value}, but remote.{remoteName}.annex-uuid says {remoteUuid.Value}");
            }
            return new SshConnection(transport, client, socketLock);
        }
        catch (Exception e) when (e is ProtocolException or IOException or System.ComponentModel.Win32Exception)
        {
            if (transport != null) await transport.DisposeAsync();
            socketLock?.Dispose();
            throw new UserErrorException($"Unable to connect to {remoteName} ({url.HostUser}): {e.Message}");
        }
        catch
        {
            if (transport != null) await transport.DisposeAsync();
            socketLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The protocol version we offer: the newest, unless ANNEXSHARP_P2P_VERSION asks for an older one — a
    /// testing knob, so interoperability at every version can be checked against real peers.
    /// </summary>
    private static ProtocolVersion OfferedVersion() =>
        int.TryParse(Environment.GetEnvironmentVariable("ANNEXSHARP_P2P_VERSION"), out var v) && v >= 0 && v < ProtocolVersion.Max.Value
            ? new ProtocolVersion(v) : ProtocolVersion.Max;

    /// <summary>
    /// Stops the ssh master we used unless another git-annex is still using it (it holds the socket's lock
    /// shared; we need it exclusively), as the reference does when it shuts down (Annex/Ssh.hs sshCleanup).
    /// </summary>
    public async Task StopCachedConnectionAsync()
    {
        if (_socket == null || !File.Exists(_socket)) return;
        using var exclusive = PosixLock.Take(SshSocket.LockFile(_socket), exclusive: true, wait: false);
        if (exclusive == null) return;
        var stop = SshCommand.Stop(_socket);
        await ProcessRunner.RunAsync(stop.Program, stop.Arguments, stop.WorkingDirectory);
        File.Delete(_socket);
    }
}
