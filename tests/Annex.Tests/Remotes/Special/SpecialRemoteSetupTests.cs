using System.Diagnostics;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Special;

/// <summary>initremote's checks, in the reference's order and with its messages (checked against 10.20261026).</summary>
public sealed class SpecialRemoteSetupTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initremote-").FullName;
    private AnnexRepo _repo = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "repo"));
        Directory.CreateDirectory(Path.Combine(_dir, "store"));
        using (var p = Process.Start(new ProcessStartInfo("git", ["init", "-q", Path.Combine(_dir, "repo")]))!) p.WaitForExit();
        _repo = await AnnexRepo.OpenAsync(GitRepo.At(Path.Combine(_dir, "repo"))!);
        await Init.RunAsync(_repo, "test", autoInit: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _repo.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<Core.Logs.Uuid> InitAsync(string name, string words) =>
        SpecialRemoteSetup.InitAsync(_repo, name, SpecialRemoteSetup.ParseWords(words.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            Path.Combine(_dir, "repo"), CancellationToken.None);

    [Theory]
    [InlineData("encryption=none", "Specify the type of remote with type=")]
    [InlineData("type=bogus encryption=none", "Unknown remote type bogus (pick from: git gcrypt p2p S3 bup directory rsync web bittorrent webdav adb tahoe glacier ddar git-lfs httpalso borg rclone hook external compute mask)")]
    [InlineData("type=directory directory=../store", "Specify encryption=hybrid or encryption=none or encryption=pubkey or encryption=shared or encryption=sharedpubkey.")]
    [InlineData("type=directory foo=bar", "Specify encryption=hybrid or encryption=none or encryption=pubkey or encryption=shared or encryption=sharedpubkey.")]
    [InlineData("type=directory encryption=none foo=bar", "Unexpected parameters: foo")]
    [InlineData("type=directory encryption=none directory=../store exporttree=maybe", "Bad value for exporttree (expected yes or no)")]
    [InlineData("type=directory encryption=none directory=../store cost=x", "Bad value for cost (expected a number)")]
    [InlineData("type=hook encryption=none hooktype=x exporttree=yes", "exporttree is not supported by this special remote")]
    [InlineData("type=directory encryption=none", "Specify directory=")]
    [InlineData("type=hook encryption=none", "Specify hooktype=")]
    [InlineData("type=rsync encryption=none", "Specify rsyncurl=")]
    public async Task RefusedAsTheReferenceRefuses(string words, string message) =>
        Assert.Equal(message, (await Assert.ThrowsAsync<UserErrorException>(() => InitAsync("x", words))).Message);

    [Fact]
    public async Task AMissingDirectoryIsNamedAbsolute() =>
        Assert.Equal($"Directory does not exist: {Path.Combine(_dir, "nodir")}",
            (await Assert.ThrowsAsync<UserErrorException>(() => InitAsync("x", "type=directory encryption=none directory=../nodir"))).Message);

    [Fact]
    public async Task DirectoryGoesToGitConfigNotTheBranch()
    {
        var uuid = await InitAsync("foo", "type=directory encryption=none directory=../store chunk=1MiB");
        Assert.Equal(Path.Combine(_dir, "store"), _repo.Config.Get("remote.foo.annex-directory"));
        Assert.Equal(uuid.Value, _repo.Config.Get("remote.foo.annex-uuid"));
        Assert.Equal("verified", _repo.Config.Get("remote.foo.annex-verified"));
        Assert.Equal("true", _repo.Config.Get("remote.foo.skipfetchall"));
        var config = (await new RemoteConfigStore(_repo).ConfigsAsync())[uuid];
        Assert.Equal("chunk=1MiB encryption=none name=foo type=directory", Core.Logs.RemoteConfigLog.FormatValue(config));
        Assert.Equal("foo", (await new UuidLogStore(_repo).DescriptionsAsync())[uuid]);
    }

    [Fact]
    public async Task ANameIsTakenOnce()
    {
        await InitAsync("foo", "type=directory encryption=none directory=../store");
        Assert.Equal("There is already a special remote named \"foo\". (Use enableremote to enable an existing special remote.)",
            (await Assert.ThrowsAsync<UserErrorException>(() => InitAsync("foo", "type=directory encryption=none directory=../store"))).Message);
    }

    [Fact]
    public async Task EncryptionIsRefusedAsNotImplementedRatherThanIgnored() =>
        Assert.StartsWith("not implemented: encryption=shared",
            (await Assert.ThrowsAsync<UserErrorException>(() => InitAsync("x", "type=directory encryption=shared directory=../store"))).Message);
}
