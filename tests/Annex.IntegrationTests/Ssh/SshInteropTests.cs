using Annex.IntegrationTests.Differential;

namespace Annex.IntegrationTests.Ssh;

/// <summary>
/// Content moves over a real ssh connection between every mix of clients and git-annex-shells (ours and the
/// reference's), and at every protocol version our client can offer: contents verified on disk, location
/// logs right on both sides and read the same by both implementations.
/// </summary>
public class SshInteropTests
{
    private static string Bin(bool ours) => ours ? Binaries.Ours : Binaries.Reference;

    [SshdTheory]
    [InlineData(true, false, 4)]
    [InlineData(false, true, 4)]
    [InlineData(true, true, 4)]
    [InlineData(true, false, 0)]
    [InlineData(true, false, 1)]
    [InlineData(true, false, 2)]
    [InlineData(true, false, 3)]
    [InlineData(true, true, 0)]
    [InlineData(true, true, 1)]
    [InlineData(true, true, 2)]
    [InlineData(true, true, 3)]
    public async Task GetCopyMoveDropFsckOverSsh(bool clientOurs, bool serverOurs, int version)
    {
        if (!Binaries.Available()) return;
        await using var p = await SshPair.StartAsync(Bin(clientOurs), Bin(serverOurs));
        p.Env["ANNEXSHARP_P2P_VERSION"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string O = Binaries.OriginUuid, C = Binaries.CloneUuid;

        p.Ok("get", SshPair.FileName);
        Assert.True(p.CloneHasContent);
        Assert.Equal(SshPair.Content, File.ReadAllText(Path.Combine(p.Clone, SshPair.FileName)));
        p.AssertLogs(p.Clone, O, C);

        p.Ok("drop", SshPair.FileName); // origin's copy is locked over the connection while ours goes
        Assert.False(p.CloneHasContent);
        Assert.True(p.OriginHasContent);
        p.AssertLogs(p.Clone, O);

        p.Ok("move", "--from", "origin", SshPair.FileName);
        Assert.True(p.CloneHasContent);
        Assert.False(p.OriginHasContent);
        p.AssertLogs(p.Clone, C);
        p.AssertLogs(p.Origin); // the server recorded its own removal

        p.Ok("copy", "--to", "origin", SshPair.FileName);
        Assert.True(p.OriginHasContent);
        p.AssertLogs(p.Origin, O);
        p.AssertLogs(p.Clone, O, C);

        p.Ok("drop", "--from", "origin", SshPair.FileName);
        Assert.False(p.OriginHasContent);
        p.AssertLogs(p.Clone, C);

        p.Ok("move", "--to", "origin", SshPair.FileName);
        Assert.True(p.OriginHasContent);
        Assert.False(p.CloneHasContent);
        p.AssertLogs(p.Clone, O);
        p.AssertLogs(p.Origin, O);

        Assert.Contains("ok", p.Ok("fsck", "--from", "origin", SshPair.FileName));
        Assert.Contains("whereis", p.Ok("whereis", SshPair.FileName));
        // Each side's repository is sound by the other implementation's fsck too.
        Assert.Equal(0, Binaries.RunWith(Binaries.Reference, Binaries.Reference, p.Origin, "fsck", "-q").Code);
        Assert.Equal(0, Binaries.RunWith(Binaries.Ours, Binaries.Ours, p.Origin, "fsck", "-q").Code);
    }

    [SshdFact]
    public async Task DropRefusedWhenOnlyCopyIsElsewhereAndUnreachable()
    {
        if (!Binaries.Available()) return;
        await using var p = await SshPair.StartAsync(Binaries.Ours, Binaries.Ours);
        p.Ok("get", SshPair.FileName);
        Binaries.Git(p.Client, p.Clone, "config", "remote.origin.url", $"{SshServerFixture.Host}:/nonexistent/repo");
        var r = p.Run("drop", SshPair.FileName);
        Assert.NotEqual(0, r.Code);
        Assert.True(p.CloneHasContent);
        Assert.True(p.OriginHasContent);
    }
}

/// <summary>Remote paths relative to the remote user's home (`host:~/x`, `ssh://host/~/x`) and sync over ssh.</summary>
public class SshHomePathTests
{
    [SshdTheory]
    [InlineData("{0}:~/{1}")]
    [InlineData("ssh://{0}/~/{1}")]
    public async Task HomeRelativeUrlsReachTheRepositoryAndSyncMovesContent(string urlFormat)
    {
        if (!Binaries.Available()) return;
        var ours = Binaries.Ours;
        await using var p = await SshPair.StartAsync(ours, ours);
        var home = Environment.GetEnvironmentVariable("HOME")!;
        var name = "annexsharp-home-" + Guid.NewGuid().ToString("N")[..8];
        var inHome = Path.Combine(home, name);
        Directory.Move(p.Origin, inHome);
        try
        {
            Binaries.Git(ours, p.Clone, "config", "remote.origin.url", string.Format(urlFormat, SshServerFixture.Host, name));
            p.Env["GIT_SSH_COMMAND"] = p.Sshd.GitSshCommand;
            p.Ok("get", SshPair.FileName);
            Assert.True(p.CloneHasContent);
            File.WriteAllText(Path.Combine(p.Clone, "g"), "second file\n");
            p.Ok("add", "g");
            p.Ok("sync", "--content");
            Assert.Equal("second file\n", File.ReadAllText(Directory.EnumerateFiles(Path.Combine(inHome, ".git/annex/objects"), "*", SearchOption.AllDirectories)
                .Single(f => File.ReadAllText(f) == "second file\n")));
            Binaries.Git(ours, inHome, "merge", "-q", "--ff-only", "synced/master"); // sync pushed to synced/master
            Assert.Contains("(2 copies)", Binaries.RunWith(ours, ours, inHome, "whereis", "g").Out);
        }
        finally { Directory.Delete(inHome, recursive: true); Directory.CreateDirectory(p.Origin); }
    }
}
