using Annex.Core.Annex;

namespace Annex.Tests.Annex;

public class RestageLogTests
{
    [Fact]
    public void ReadsTheReferencesLines()
    {
        // Written by the reference's get while git held index.lock.
        var e = RestageLog.ParseLine("14132058 2 1795494043 580745062:a")!.Value;
        Assert.Equal("a", e.File);
        Assert.Equal(new InodeCache(14132058, 2, 1795494043, 580745062), e.Cache);
    }

    [Fact]
    public void TheFileIsEverythingAfterTheFirstColon() =>
        Assert.Equal("dir/x:y", RestageLog.ParseLine("1 2 3 4:dir/x:y")!.Value.File);

    [Fact]
    public void FormatRoundTripsIncludingAWholeSecondMtime()
    {
        foreach (var ic in new[] { new InodeCache(5, 6, 7, 120000000), new InodeCache(5, 6, 7, 0) })
        {
            var line = RestageLog.FormatLine("f", ic);
            Assert.True(RestageLog.ParseLine(line)!.Value.Cache.Matches(ic), line);
        }
        Assert.Equal("5 6 7 12:f", RestageLog.FormatLine("f", new InodeCache(5, 6, 7, 120000000)));
    }

    [Theory]
    [InlineData("no colon")]
    [InlineData("x y:f")]
    public void IgnoresOtherLines(string line) => Assert.Null(RestageLog.ParseLine(line));
}
