using Annex.Core.Git;

namespace Annex.Tests.Git;

public class GitConfigTests
{
    [Fact]
    public void ParsesNulSeparatedListWithCaseRules()
    {
        var c = GitConfig.Parse("core.bare\nfalse\0remote.Origin.URL\n/x\0remote.Origin.annex-uuid\nu1\0annex.flag\0"u8);
        Assert.Equal("false", c.Get("CORE.BARE"));
        Assert.Equal("/x", c.Get("remote.Origin.url"));
        Assert.Null(c.Get("remote.origin.url")); // subsection names are case-sensitive
        Assert.True(c.GetBool("annex.flag", false));
        Assert.Equal(["Origin"], c.RemoteNames());
    }

    [Fact]
    public void OverridesWin()
    {
        var c = GitConfig.Parse("annex.largefiles\nexclude=a\0"u8);
        c.Override("annex.largefiles", "anything");
        Assert.Equal("anything", c.Get("annex.largefiles"));
    }
}
