using Annex.Core.Annex.Sync;

namespace Annex.Tests.Annex.Sync;

public class SyncGitTests
{
    [Fact]
    public void DenyCurrentBranchExplanationIsHidden()
    {
        var stderr = "remote: error: refusing to update checked out branch: refs/heads/master\n"
            + "remote: error: By default, updating the current branch in a non-bare repository\n"
            + "remote: error: You can set the 'receive.denyCurrentBranch' configuration variable\n"
            + "To ../r2\n ! [remote rejected] master -> master (branch is currently checked out)\n"
            + "error: failed to push some refs to '../r2'\n";
        Assert.Equal("", SyncGit.FilterDirectPushErrors(stderr));
    }

    [Fact]
    public void OtherErrorsAndLinesBeforeRemoteOutputAreShown()
    {
        Assert.Equal("fatal: no such remote\n", SyncGit.FilterDirectPushErrors("fatal: no such remote\n"));
        var s = "Counting objects\nremote: hook said no\nerror: failed\n";
        Assert.Equal(s, SyncGit.FilterDirectPushErrors(s));
        Assert.Equal("Counting objects\n", SyncGit.FilterDirectPushErrors("Counting objects\nremote: receive.denyCurrentBranch\n"));
    }

    [Theory]
    [InlineData("refs/heads/master", "refs/heads/synced/master")]
    [InlineData("main", "refs/heads/synced/main")]
    public void SyncBranch(string branch, string expected) => Assert.Equal(expected, SyncGit.SyncBranch(branch));

    [Theory]
    [InlineData("refs/heads/synced/master", "synced/master")]
    [InlineData("refs/remotes/origin/master", "origin/master")]
    [InlineData("HEAD", "HEAD")]
    public void Describe(string r, string expected) => Assert.Equal(expected, SyncGit.Describe(r));
}
