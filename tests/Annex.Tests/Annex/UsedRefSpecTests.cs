using Annex.Core.Annex;

namespace Annex.Tests.Annex;

public class UsedRefSpecTests
{
    private static readonly string[] Refs = ["refs/heads/master", "refs/heads/other", "refs/remotes/origin/master", "refs/tags/old", "refs/tags/v1"];

    [Fact]
    public void DefaultUsesEveryRefInReverseOrder() =>
        // Types/RefSpec.hs prepends each match and reverses the whole list at the end.
        Assert.Equal(Refs.Reverse(), UsedRefSpec.All.Apply(Refs, []));

    [Fact]
    public void DocumentedExample()
    {
        var spec = UsedRefSpec.Parse("+refs/heads/*:+HEAD^:+refs/tags/*:-refs/tags/old:reflog", out var error);
        Assert.Null(error);
        Assert.True(spec!.UsesRefLog);
        Assert.Equal(["abc", "refs/tags/v1", "HEAD^", "refs/heads/master", "refs/heads/other"],
            spec.Apply(Refs, ["abc"]).AsEnumerable().Reverse());
    }

    [Fact]
    public void GlobsMatchAcrossSlashes() =>
        Assert.Equal(["refs/remotes/origin/master"], UsedRefSpec.Parse("+refs/remotes/*", out _)!.Apply(Refs, []));

    [Fact]
    public void QuestionMarkMatchesOneCharacter() =>
        Assert.Equal(["refs/tags/v1"], UsedRefSpec.Parse("+refs/tags/v?", out _)!.Apply(Refs, []));

    [Fact]
    public void ItemsNeedAPrefix()
    {
        Assert.Null(UsedRefSpec.Parse("+refs/heads/*:bad", out var error));
        Assert.Equal("bad refspec item \"bad\" (expected + or - prefix)", error);
    }
}
