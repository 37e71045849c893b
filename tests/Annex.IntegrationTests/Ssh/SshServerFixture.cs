using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Annex.IntegrationTests.Ssh;

/// <summary>
/// A private OpenSSH server on 127.0.0.1 for one test: its own host key, client key, authorized_keys and
/// config in a temp directory, running as the current user (root included). The server-side PATH is
/// fixed through authorized_keys environment= (with PermitUserEnvironment), so "git-annex-shell" on the
/// remote resolves to <see cref="BinDirectory"/> — ours or the reference's — without a forced command.
/// Clients use host alias <see cref="Host"/> via <see cref="ClientConfig"/> (ssh -F).
/// </summary>
public sealed class SshServerFixture : IAsyncDisposable
{
    public const string Sshd = "/usr/sbin/sshd";
    public const string Host = "annextest";

    private readonly Process _sshd;
    public string Directory { get; }
    public string BinDirectory { get; }
    public int Port { get; }
    /// <summary>ssh_config with Host annextest -> 127.0.0.1:Port, our key, no host key checks.</summary>
    public string ClientConfig => Path.Combine(Directory, "ssh_config");
    /// <summary>For git: GIT_SSH_COMMAND.</summary>
    public string GitSshCommand => $"ssh -F {ClientConfig}";

    public static bool Available => File.Exists(Sshd) && File.Exists("/usr/bin/ssh-keygen");

    private SshServerFixture(Process sshd, string dir, string binDir, int port)
    {
        _sshd = sshd;
        Directory = dir;
        BinDirectory = binDir;
        Port = port;
    }

    /// <summary>Starts sshd serving commands from <paramref name="binDirectory"/> first in PATH.</summary>
    public static async Task<SshServerFixture> StartAsync(string binDirectory, CancellationToken ct = default)
    {
        // Short path: the client's ControlMaster socket names may live here too.
        var dir = System.IO.Directory.CreateTempSubdirectory("assh").FullName;
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(dir, "host_key"));
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(dir, "client_key"));
        var path = $"{binDirectory}:/usr/local/bin:/usr/bin:/bin";
        var pub = (await File.ReadAllTextAsync(Path.Combine(dir, "client_key.pub"), ct)).Trim();
        await File.WriteAllTextAsync(Path.Combine(dir, "authorized_keys"), $"environment=\"PATH={path}\" {pub}\n", ct);

        int port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(dir, "sshd_config"), $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {dir}/host_key
            PidFile {dir}/sshd.pid
            AuthorizedKeysFile {dir}/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin yes
            PermitUserEnvironment yes
            LogLevel ERROR

            """, ct);
        var user = Environment.UserName;
        await File.WriteAllTextAsync(Path.Combine(dir, "ssh_config"), $"""
            Host {Host}
              HostName 127.0.0.1
              Port {port}
              User {user}
              IdentityFile {dir}/client_key
              IdentitiesOnly yes
              UserKnownHostsFile /dev/null
              StrictHostKeyChecking no
              BatchMode yes
              LogLevel ERROR

            """, ct);
        // As root, sshd insists on its privilege separation directory.
        if (Environment.UserName == "root") System.IO.Directory.CreateDirectory("/run/sshd");

        var psi = new ProcessStartInfo(Sshd) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-D", "-e", "-f", Path.Combine(dir, "sshd_config") }) psi.ArgumentList.Add(a);
        var sshd = Process.Start(psi)!;
        var stderr = sshd.StandardError.ReadToEndAsync(ct);
        var fixture = new SshServerFixture(sshd, dir, binDirectory, port);
        for (int i = 0; i < 100; i++)
        {
            if (sshd.HasExited)
                throw new InvalidOperationException($"sshd exited {sshd.ExitCode}: {await stderr}");
            if (await CanConnectAsync(port)) return fixture;
            await Task.Delay(50, ct);
        }
        await fixture.DisposeAsync();
        throw new TimeoutException("sshd did not start listening");
    }

    /// <summary>Options for our own ssh command lines (annex.ssh-options) to reach the alias.</summary>
    public IReadOnlyList<string> SshOptions => ["-F", ClientConfig];

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var c = new TcpClient();
        try { await c.ConnectAsync(IPAddress.Loopback, port); return true; }
        catch (SocketException) { return false; }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {err}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_sshd.HasExited)
        {
            _sshd.Kill(entireProcessTree: false); // sessions' own processes end when their connections drop
            await _sshd.WaitForExitAsync();
        }
        _sshd.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A fact that is skipped, with the reason, when there is no sshd on this machine.</summary>
public sealed class SshdFactAttribute : FactAttribute
{
    public SshdFactAttribute()
    {
        if (!SshServerFixture.Available) Skip = $"needs {SshServerFixture.Sshd} and ssh-keygen";
    }
}

/// <summary>A theory that is skipped, with the reason, when there is no sshd on this machine.</summary>
public sealed class SshdTheoryAttribute : TheoryAttribute
{
    public SshdTheoryAttribute()
    {
        if (!SshServerFixture.Available) Skip = $"needs {SshServerFixture.Sshd} and ssh-keygen";
    }
}
