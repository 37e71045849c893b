using Annex.Core.Utility;

namespace Annex.Tests.Utility;

public class SizeDisplayTests
{
    [Theory]
    [InlineData(0, false, "0 bytes")]
    [InlineData(1, false, "1 byte")]
    [InlineData(9, false, "9 bytes")]
    [InlineData(9, true, "9 B")]
    [InlineData(1000, false, "1 kilobyte")]
    [InlineData(100_000_000, false, "100 megabytes")]
    [InlineData(84_420_000_000, false, "84.42 gigabytes")]
    [InlineData(1_999_999, true, "2 MB")]
    [InlineData(1_050_000, true, "1.05 MB")]
    public void RoughStorageUnits(long bytes, bool abbreviate, string expected) =>
        Assert.Equal(expected, SizeDisplay.Rough(bytes, abbreviate));

    [Fact]
    public void RoughCommitteeUnits()
    {
        Assert.Equal("32 mebibytes", SizeDisplay.Rough(33_554_432, false, committee: true));
        Assert.Equal("1 KiB", SizeDisplay.Rough(1024, true, committee: true));
    }

    [Theory]
    [InlineData(4, 8, "4 B larger")]
    [InlineData(2000, 1000, "1 kB smaller")]
    [InlineData(5, 5, "same")]
    public void CompareLikeFsck(long expected, long actual, string text) =>
        Assert.Equal(text, SizeDisplay.Compare(expected, actual));

    [Theory]
    [InlineData(2, 500_000, "0%")]
    [InlineData(1, 8, "12.5%")]
    [InlineData(1, 3, "33.3%")]
    [InlineData(0, 0, "0%")]
    public void PercentageOneDecimal(long part, long whole, string text) =>
        Assert.Equal(text, SizeDisplay.Percentage(part, whole));
}
