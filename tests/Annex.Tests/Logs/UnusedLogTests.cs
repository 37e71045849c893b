using System.Text;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Tests.Logs;

public class UnusedLogTests
{
    private static readonly Key Foo = Key.Parse("SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c");
    private static readonly Key Sha1 = Key.Parse("SHA1-s5--f013d66c7f6817d08b7eb2a93e6d0440c1f3e7f8");

    [Fact]
    public void ParsesTheReferencesLine()
    {
        // Written by the reference's `git annex unused`.
        var log = UnusedLog.Parse(Encoding.UTF8.GetBytes("1 " + Foo + " 1795476018.035194253s\n"));
        var e = Assert.Single(log);
        Assert.Equal(1, e.Number);
        Assert.Equal(Foo, e.Key);
        Assert.Equal("1795476018.035194253s", e.FirstSeen.ToString());
    }

    [Fact]
    public void OldLinesWithoutTimestampAndGarbageAreHandled()
    {
        var log = UnusedLog.Parse(Encoding.UTF8.GetBytes("2 " + Sha1 + "\nnonsense\n3\nx " + Foo + " 1s\n\n"));
        var e = Assert.Single(log);
        Assert.Equal((2, Sha1, (LogTimestamp?)null), (e.Number, e.Key, e.FirstSeen));
    }

    [Fact]
    public void FormatRoundTrips()
    {
        var entries = new[] { new UnusedEntry(2, Sha1, LogTimestamp.FromSeconds(5)), new UnusedEntry(1, Foo, null) };
        var bytes = UnusedLog.Format(entries);
        Assert.Equal("1 " + Foo + "\n2 " + Sha1 + " 5s\n", Encoding.UTF8.GetString(bytes));
        Assert.Equal(entries.OrderBy(e => e.Number), UnusedLog.Parse(bytes).OrderBy(e => e.Number));
    }

    [Fact]
    public void UpdateRenumbersAndKeepsFirstSeen()
    {
        var old = new[] { new UnusedEntry(1, Foo, LogTimestamp.FromSeconds(10)), new UnusedEntry(2, Sha1, LogTimestamp.FromSeconds(11)) };
        var now = LogTimestamp.FromSeconds(99);
        var updated = UnusedLog.Update(old, [Sha1, Key.Parse("WORM-s1-m1--x")], now);
        Assert.Equal([1, 2], updated.Select(e => e.Number));
        Assert.Equal(LogTimestamp.FromSeconds(11), updated[0].FirstSeen);
        Assert.Equal(now, updated[1].FirstSeen);
    }

    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("2-4", new[] { 2, 3, 4 })]
    [InlineData("3-1", new int[0])]
    [InlineData("all", new[] { 1, 2, 3, 4, 5 })]
    public void SpecsNameNumbers(string spec, int[] expected) =>
        Assert.Equal(expected, UnusedLog.ParseSpec(spec, [5, 1, 3]));

    [Theory]
    [InlineData("x")]
    [InlineData("1-x")]
    [InlineData("")]
    public void BadSpecsAreRejected(string spec) => Assert.Null(UnusedLog.ParseSpec(spec, [1]));

    [Fact]
    public void AllOfNothingIsNothing() => Assert.Empty(UnusedLog.ParseSpec("all", [])!);
}
