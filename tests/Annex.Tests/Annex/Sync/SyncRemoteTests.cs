using System.Text;
using Annex.Core.Annex;
using Annex.Core.Annex.Sync;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Tests.Annex.Sync;

public class SyncRemoteTests
{
    private static IReadOnlyList<SyncRemote> Remotes(params string[] config)
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(config.Select(c => c.Replace('=', '\n') + "\0")));
        var repo = new AnnexRepo(new GitRepo("/nonexistent/.git", "/nonexistent"), GitConfig.Parse(data));
        return SyncRemote.All(repo);
    }

    [Fact]
    public void OrderedByCostLocalBeforeNetwork()
    {
        var all = Remotes("remote.far.url=ssh://host/repo", "remote.near.url=../near", "remote.scp.url=host:repo",
            "remote.cheap.url=https://x/y", "remote.cheap.annex-cost=50");
        Assert.Equal(["cheap", "near", "far", "scp"], all.Select(r => r.Name));
        Assert.Equal([50, 100, 200, 200], all.Select(r => r.Cost));
    }

    [Fact]
    public void SpecialRemotesAreNotGitRemotes()
    {
        var all = Remotes("remote.dir.annex-uuid=1234", "remote.dir.annex-directory=/d", "remote.gra.url=annex::abc", "remote.o.url=/o");
        Assert.Equal(["o"], all.Select(r => r.Name));
    }

    [Fact]
    public void SyncFalseIsSkippedUnlessNamed()
    {
        var all = Remotes("remote.a.url=/a", "remote.b.url=/b", "remote.b.annex-sync=false", "remote.c.url=/c",
            "remote.c.annex-readonly=true", "remote.c.annex-pull=false");
        Assert.Equal(["a", "c"], SyncRemote.Select(all, []).Select(r => r.Name));
        Assert.Equal(["b"], SyncRemote.Select(all, ["b"]).Select(r => r.Name));
        var c = all.Single(r => r.Name == "c");
        Assert.True(c.ReadOnly);
        Assert.False(c.Pull);
        Assert.True(c.Push);
        var e = Assert.Throws<UserErrorException>(() => SyncRemote.Select(all, ["nope"]));
        Assert.Contains("nope", e.Message);
    }
}
