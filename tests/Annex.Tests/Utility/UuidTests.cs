using Annex.Core.Logs;

namespace Annex.Tests.Utility;

public class UuidTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a\nb")]
    public void RefusesWordsThatBreakLogLines(string s) => Assert.False(Uuid.TryParse(s, out _));

    [Fact]
    public void AcceptsRandomUuid()
    {
        var u = Uuid.NewRandom();
        Assert.True(Uuid.TryParse(u.Value, out var back));
        Assert.Equal(u, back);
    }
}
