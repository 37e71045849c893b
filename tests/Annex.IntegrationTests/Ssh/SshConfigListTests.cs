using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.P2P.Transport;
using Annex.Core.Remotes.Ssh;
using Annex.Core.Utility;
using Annex.IntegrationTests.Differential;

namespace Annex.IntegrationTests.Ssh;

/// <summary>Our ssh command lines and transport against a real sshd serving the reference's git-annex-shell.</summary>
public class SshConfigListTests
{
    private static string ReferenceBin => Path.GetDirectoryName(Binaries.Reference)!;

    private static string NewReferenceAnnex()
    {
        var dir = Binaries.NewRepo();
        Binaries.FixUuid(Binaries.Reference, dir, Binaries.OriginUuid);
        Binaries.Git(Binaries.Reference, dir, "annex", "init", "-q", "origin");
        return dir;
    }

    private static async Task<AnnexRepo> LocalWithRemoteAsync(SshServerFixture sshd, string url)
    {
        var dir = Binaries.NewRepo();
        Binaries.Git(Binaries.Reference, dir, "remote", "add", "origin", url);
        Binaries.Git(Binaries.Reference, dir, "config", "annex.ssh-options", string.Join(' ', sshd.SshOptions));
        return await AnnexRepo.OpenAsync(GitRepo.At(dir)!);
    }

    [SshdFact]
    public async Task TransportRunsConfigListOnReferenceRepo()
    {
        var origin = NewReferenceAnnex();
        await using var sshd = await SshServerFixture.StartAsync(ReferenceBin);
        var url = SshUrl.TryParse($"{SshServerFixture.Host}:{origin}")!;
        var settings = new SshSettings { Options = sshd.SshOptions, WorkingDirectory = origin };
        var ssh = SshCommand.Build(url, GitAnnexShellCommand.ConfigList(null, url.Path), settings, consumeStdin: false);

        await using var transport = ProcessStdioTransport.Start(ssh.Program, ssh.Arguments, ssh.WorkingDirectory);
        using var reader = new StreamReader(transport.Input);
        var output = await reader.ReadToEndAsync();
        Assert.Equal(0, await transport.WaitForExitAsync());
        Assert.Equal(Binaries.OriginUuid, ConfigList.Parse(System.Text.Encoding.UTF8.GetBytes(output)).Uuid.Value);
        Assert.StartsWith($"annex.uuid={Binaries.OriginUuid}\n", output);
    }

    [SshdFact]
    public async Task DiscoveryCachesUuidOverCachedConnection()
    {
        var origin = NewReferenceAnnex();
        await using var sshd = await SshServerFixture.StartAsync(ReferenceBin);
        await using var local = await LocalWithRemoteAsync(sshd, $"ssh://{SshServerFixture.Host}{origin}");
        var settings = SshSettings.ForRemote(local.Config, local.Git, "origin", local.Git.TopDir);
        var warnings = new List<string>();
        var url = SshUrl.TryParse(local.Config.Get("remote.origin.url")!)!;
        try
        {
            var r = await SshUuidDiscovery.DiscoverAsync(local, "origin", url, settings, warnings.Add);
            Assert.Equal(ConfigListOutcome.Annex, r.Outcome);
            Assert.Equal(Binaries.OriginUuid, r.Uuid.Value);
            Assert.Null(r.GcryptId);
            Assert.Empty(warnings);
            Assert.Equal(Binaries.OriginUuid, Binaries.Git(Binaries.Reference, local.Git.TopDir, "config", "remote.origin.annex-uuid").Trim());
            Assert.True(File.Exists(Path.Combine(local.Git.GitDir, "annex/ssh/annextest.lock")));
        }
        finally
        {
            var stop = SshCommand.Stop(Path.Combine(local.Git.GitDir, "annex/ssh/annextest"));
            await ProcessRunner.RunAsync(stop.Program, stop.Arguments, stop.WorkingDirectory);
        }
    }

    [SshdFact]
    public async Task RemoteWithoutGitAnnexIsIgnoredWithReferenceMessages()
    {
        var origin = Binaries.NewRepo();
        var emptyBin = Directory.CreateTempSubdirectory("annexsharp-nobin-").FullName;
        await using var sshd = await SshServerFixture.StartAsync(emptyBin);
        await using var local = await LocalWithRemoteAsync(sshd, $"{SshServerFixture.Host}:{origin}");
        Binaries.Git(Binaries.Reference, local.Git.TopDir, "config", "annex.sshcaching", "false");
        local.Config.Override("annex.sshcaching", "false");
        var warnings = new List<string>();
        var r = await SshUuidDiscovery.DiscoverAsync(local, "origin", SshUrl.TryParse($"{SshServerFixture.Host}:{origin}")!,
            SshSettings.ForRemote(local.Config, local.Git, "origin", local.Git.TopDir), warnings.Add);
        Assert.Equal(ConfigListOutcome.NotAnnex, r.Outcome);
        Assert.Equal("Unable to parse git config from origin", warnings[0]);
        Assert.Equal("Remote origin does not have git-annex installed; setting annex-ignore", warnings[1]);
        Assert.EndsWith("run: git annex enableremote origin", warnings[2]);
        Assert.Equal("true", Binaries.Git(Binaries.Reference, local.Git.TopDir, "config", "remote.origin.annex-ignore").Trim());
        Assert.Equal("true", Binaries.Git(Binaries.Reference, local.Git.TopDir, "config", "remote.origin.annex-ignore-auto").Trim());
    }

    [SshdFact]
    public async Task UnreachableHostRecordsNothing()
    {
        await using var sshd = await SshServerFixture.StartAsync(ReferenceBin);
        var url = $"ssh://{SshServerFixture.Host}:1/nowhere"; // -p 1 overrides the alias's port: connection refused
        await using var local = await LocalWithRemoteAsync(sshd, url);
        local.Config.Override("annex.sshcaching", "false");
        var warnings = new List<string>();
        var r = await SshUuidDiscovery.DiscoverAsync(local, "origin", SshUrl.TryParse(url)!,
            SshSettings.ForRemote(local.Config, local.Git, "origin", local.Git.TopDir), warnings.Add);
        Assert.Equal(ConfigListOutcome.Unreachable, r.Outcome);
        Assert.Equal("Unable to connect to repository origin to get its annex.uuid configuration.", warnings[^1]);
        Assert.Null(local.Config.Get("remote.origin.annex-ignore"));
    }

    [SshdFact]
    public async Task GitCloneThroughFixture()
    {
        var origin = NewReferenceAnnex();
        File.WriteAllText(Path.Combine(origin, "f"), "hello\n");
        Binaries.Git(Binaries.Reference, origin, "add", "f");
        Binaries.Git(Binaries.Reference, origin, "commit", "-qm", "f");
        await using var sshd = await SshServerFixture.StartAsync(ReferenceBin);
        var target = Path.Combine(Directory.CreateTempSubdirectory("annexsharp-clone-").FullName, "c");
        var r = await ProcessRunner.RunAsync("git", ["clone", "-q", $"{SshServerFixture.Host}:{origin}", target],
            env: new Dictionary<string, string?> { ["GIT_SSH_COMMAND"] = sshd.GitSshCommand });
        Assert.True(r.Ok, r.Stderr);
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(target, "f")));
    }
}
