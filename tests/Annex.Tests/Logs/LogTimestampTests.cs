using Annex.Core.Logs;

namespace Annex.Tests.Logs;

public class LogTimestampTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("1795469063s", "1795469063s")]
    [InlineData("1317929189.157237s", "1317929189.157237s")]
    [InlineData("1317929189.1572370s", "1317929189.157237s")]
    [InlineData("1317929189", "1317929189s")]
    [InlineData("5.5", "5.5s")]
    [InlineData("-5.25s", "-5.25s")]
    [InlineData("-0.5s", "0.5s")]
    [InlineData("1.1234567890129s", "1.123456789012s")]
    [InlineData("0s", "0s")]
    public void ParsesAndFormatsAsUpstreamShows(string text, string formatted)
    {
        Assert.True(LogTimestamp.TryParse(text, out var t));
        Assert.Equal(formatted, t.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5.s")]
    [InlineData("5ss")]
    [InlineData("5 s")]
    [InlineData("abc")]
    [InlineData("99999999999999999999999999999999999999s")]
    public void RejectsMalformed(string text) => Assert.False(LogTimestamp.TryParse(text, out _));

    [Fact]
    public void UnknownIsOldest()
    {
        Assert.True(LogTimestamp.Unknown < LogTimestamp.FromSeconds(-5));
        Assert.Equal("0", LogTimestamp.Unknown.ToString());
    }

    [Fact]
    public void NowTruncatesToWholeSeconds()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1795469063_987));
        Assert.Equal("1795469063s", LogTimestamp.Now(clock).ToString());
    }

    [Fact]
    public void VectorClockEnvironmentKeepsItsPrecision()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(100));
        Assert.Equal("1317929189.157237s", LogTimestamp.Candidate("1317929189.157237", clock).ToString());
        Assert.Equal("100s", LogTimestamp.Candidate("garbage", clock).ToString());
        Assert.Equal("100s", LogTimestamp.Candidate(null, clock).ToString());
    }

    [Fact]
    public void AdvancesOneSecondPastANewerOrEqualClock()
    {
        // Reference: numcopies set twice with GIT_ANNEX_VECTOR_CLOCK=1317929189.157237 wrote 1317929190.157237s.
        var c = Ts("1317929189.157237s");
        Assert.Equal("1317929190.157237s", LogTimestamp.Advance(c, [c]).ToString());
        // Reference: describe with that clock over a 1795474643s line wrote 1795474644s.
        Assert.Equal("1795474644s", LogTimestamp.Advance(c, [Ts("1795474643s"), Ts("5s")]).ToString());
        Assert.Equal(c, LogTimestamp.Advance(c, [Ts("5s")]));
        Assert.Equal(c, LogTimestamp.Advance(c, []));
        Assert.Equal(c, LogTimestamp.Advance(c, [LogTimestamp.Unknown]));
    }

    internal static LogTimestamp Ts(string s) => LogTimestamp.TryParse(s, out var t) ? t : throw new FormatException(s);
}
