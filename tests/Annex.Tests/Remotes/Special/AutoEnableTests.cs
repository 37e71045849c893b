using System.Diagnostics;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Remotes.RsyncRemote;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Special;

/// <summary>
/// Autoenabling reads remote.log, which whoever pushes to the git-annex branch writes: nothing in it may become an
/// option of rsync, ssh or git, and an enabled remote starts out unverified.
/// </summary>
public sealed class AutoEnableTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoenable-").FullName;
    private AnnexRepo _repo = null!;

    public async Task InitializeAsync()
    {
        using (var p = Process.Start(new ProcessStartInfo("git", ["init", "-q", _dir]))!) p.WaitForExit();
        _repo = await AnnexRepo.OpenAsync(GitRepo.At(_dir)!);
        await Init.RunAsync(_repo, "test", autoInit: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _repo.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task HostileEntriesAreNotEnabled()
    {
        await _repo.Branch.WriteTextAsync("remote.log",
            "11111111-1111-4111-8111-111111111111 autoenable=true encryption=none name=evil rsyncurl=--rsh=touch&32;/tmp/pwned type=rsync timestamp=1s\n"
            + "22222222-2222-4222-8222-222222222222 autoenable=true encryption=none name=evil2 rsyncurl=-oProxyCommand=x:/p type=rsync timestamp=1s\n"
            + "33333333-3333-4333-8333-333333333333 autoenable=true location=../c name=-evil3 type=git timestamp=1s\n"
            + "44444444-4444-4444-8444-444444444444 autoenable=true encryption=none name=fine hooktype=h type=hook timestamp=1s\n");
        var warnings = new List<string>();
        var sides = new List<string>();
        await AutoEnable.RunAsync(_repo, _dir, sides.Add, warnings.Add, CancellationToken.None);
        Assert.Null(_repo.Config.Get("remote.evil.annex-rsyncurl"));
        Assert.Null(_repo.Config.Get("remote.evil2.annex-rsyncurl"));
        Assert.Null(_repo.Config.Get("remote.-evil3.url"));
        Assert.Equal(2, warnings.Count(w => w.Contains("looks like an option")));
        // The harmless one is enabled, and starts out unverified.
        Assert.Equal("automatic", _repo.Config.Get("remote.fine.annex-verified"));
        Assert.Contains("Auto enabling special remote fine...", sides);
    }

    [Theory]
    [InlineData("-e sh")]
    [InlineData("--rsh=sh")]
    [InlineData("-oProxyCommand=x:/path")]
    [InlineData("user@-oProxyCommand=x:/path")]
    [InlineData("rsync://-x/module")]
    public void OptionLikeRsyncUrlsAreRefused(string url) =>
        Assert.Throws<UserErrorException>(() => RsyncOptions.RefuseOptionLike(url));

    [Theory]
    [InlineData("../dir")]
    [InlineData("host:/path/-x")]
    [InlineData("rsync://host/module")]
    [InlineData("/abs/dir")]
    public void OrdinaryRsyncUrlsAreAccepted(string url) => RsyncOptions.RefuseOptionLike(url);
}
