using Annex.Cli.Output;

namespace Annex.Tests.Cli;

/// <summary>The transfer meter as the reference draws it (Utility/Metered.hs bandwidthMeter), on literal texts it printed.</summary>
public class ProgressMeterTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AFinishedSmallTransfer() =>
        // "100%  6 B               2 KiB/s 0s" from the reference's copy of a 6-byte file in ~3 ms.
        Assert.Equal("100%  6 B               2 KiB/s 0s", ProgressMeter.Render(6, 0, T0, 6, T0.AddMilliseconds(3)));

    [Fact]
    public void APartTransferWithTwoDecimals() =>
        Assert.Equal("11%   31.98 KiB       131 MiB/s 0s", ProgressMeter.Render(307200, 0, T0, 32748, T0.AddTicks(2380)));

    [Fact]
    public void UnknownTotalShowsAmountAndRateOnly() =>
        // unwords [amount, padding to 29 columns, rate]: the padding word adds a space on each side.
        Assert.Equal("1 KiB " + new string(' ', 29 - 5 - 7) + " 1 KiB/s", ProgressMeter.Render(null, 0, T0, 1024, T0.AddSeconds(1)));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1000, "16m40s")]
    [InlineData(3600, "1h")]
    [InlineData(3661, "1h1m")]
    [InlineData(90061, "1d1h")]
    public void DurationsAsFromDuration(long seconds, string expected) => Assert.Equal(expected, ProgressMeter.Duration(seconds));
}
