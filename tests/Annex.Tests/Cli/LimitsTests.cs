using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Utility;

namespace Annex.Tests.Cli;

public class LimitsTests
{
    [Theory]
    [InlineData("45s", 45)]
    [InlineData("30m", 1800)]
    [InlineData("5h", 18000)]
    [InlineData("1h30m", 5400)]
    [InlineData("10d", 864000)]
    public void DurationsParse(string s, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), Limits.ParseDuration(s));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("h")]
    [InlineData("5x")]
    [InlineData("0s")]
    public void BadDurationsAreClearErrors(string s) => Assert.Throws<UserErrorException>(() => Limits.ParseDuration(s));

    [Fact]
    public void SizeLimitAdmitsUntilTheTotalIsReachedAndRefusesUnknownSizes()
    {
        var args = ArgParser.Parse(["--size-limit=10"], CommonOptions.Global);
        var limits = new Limits();
        limits.Configure(args);
        var m = new Messages();
        Assert.True(limits.Admit(m, 6));
        Assert.True(limits.Admit(m, 4));
        Assert.False(limits.Admit(m, 1));
        Assert.True(limits.Reached);

        var other = new Limits();
        other.Configure(args);
        Assert.False(other.Admit(m, null));
    }

    [Fact]
    public void NoLimitsAdmitEverything()
    {
        var limits = new Limits();
        limits.Configure(ArgParser.Parse([], CommonOptions.Global));
        Assert.True(limits.Admit(new Messages(), null));
        Assert.False(limits.Reached);
    }
}
