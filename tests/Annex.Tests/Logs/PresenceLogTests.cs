using Annex.Core.Logs;
using static Annex.Tests.Logs.LogTestBytes;
using static Annex.Tests.Logs.LogTimestampTests;

namespace Annex.Tests.Logs;

public class PresenceLogTests
{
    // Reference 10.20261026: location log after copy --to dr, get, then drop --from dr (compacted, sorted by uuid).
    private const string Location =
        "1795474667s 0 48429bc9-8b6d-4081-a1ef-d820f4672d0a\n" +
        "1795474654s 1 4ca8bbfe-c385-47ca-ac5e-886bff32125a\n";

    // Reference: web log after addurl of two urls then rmurl of one (appended, not compacted).
    private const string Web =
        "1795474643s 1 http://example.com/a b\n" +
        "1795474661s 0 http://example.com/x\n";

    [Theory]
    [InlineData(Location)]
    [InlineData(Web)]
    [InlineData("1317929189.157237s 1 23db9a6a-e225-476f-829e-046003b83d19\n")]
    [InlineData("1s X dead-uuid\n1s 1 \n")]
    public void RoundTripsReferenceBytes(string text)
    {
        var log = PresenceLog.Parse(B(text));
        Assert.Empty(log.Warnings);
        Assert.Equal(text, S(log.Format()));
    }

    [Fact]
    public void PresentSetAndUrlWithSpaces()
    {
        Assert.Equal(["4ca8bbfe-c385-47ca-ac5e-886bff32125a"], PresenceLog.Parse(B(Location)).Present());
        Assert.Equal(["http://example.com/a b"], PresenceLog.Parse(B(Web)).Present());
        Assert.Equal(["http://example.com/x"], PresenceLog.Parse(B(Web)).NotPresent());
    }

    [Fact]
    public void NewestPerInfoWinsAndEarlierLineWinsTies()
    {
        var log = PresenceLog.Parse(B("5s 1 u\n9s 0 u\n7s 1 u\n3s 1 v\n3s 0 v\n"));
        Assert.Equal(["9s 0 u", "3s 1 v"], log.Compact().Select(l => $"{l.Timestamp} {PresenceLog.StatusChar(l.Status)} {l.Info}"));
    }

    [Fact]
    public void ChangeStatusWritesCompactedSortedLogLikeReference()
    {
        // Before the drop the reference had these two lines; drop --from dr wrote Location above.
        var before = PresenceLog.Parse(B("1795474652s 1 48429bc9-8b6d-4081-a1ef-d820f4672d0a\n1795474654s 1 4ca8bbfe-c385-47ca-ac5e-886bff32125a\n"));
        Assert.True(before.TryChangeStatus(PresenceStatus.Missing, "48429bc9-8b6d-4081-a1ef-d820f4672d0a", Ts("1795474667s"), out var after));
        Assert.Equal(Location, S(after.Format()));
        Assert.False(after.TryChangeStatus(PresenceStatus.Missing, "48429bc9-8b6d-4081-a1ef-d820f4672d0a", Ts("1795474699s"), out _));
    }

    [Fact]
    public void AddAppendsNewInfoAndAdvancesClock()
    {
        var log = PresenceLog.Parse(B("1795474643s 1 http://example.com/a b\n1795474643s 1 http://example.com/x\n"));
        var next = log.Add(PresenceStatus.Missing, "http://example.com/x", Ts("1795474661s"), out var appended);
        Assert.False(appended);
        Assert.Equal(Web, S(next.Format()));
        var same = next.Add(PresenceStatus.Present, "http://example.com/x", Ts("100s"), out _);
        Assert.Equal("1795474662s", same.Compact().Single(l => l.Info == "http://example.com/x").Timestamp.ToString());
        log.Add(PresenceStatus.Present, "http://new", Ts("1s"), out appended);
        Assert.True(appended);
    }

    [Fact]
    public void UnionMergeOfTwoVersions()
    {
        var a = B("1795474652s 1 48429bc9-8b6d-4081-a1ef-d820f4672d0a\n1795474654s 1 4ca8bbfe-c385-47ca-ac5e-886bff32125a\n");
        var b = B(Location);
        var merged = LogText.UnionMerge(a, b);
        Assert.Equal(
            "1795474652s 1 48429bc9-8b6d-4081-a1ef-d820f4672d0a\n" +
            "1795474654s 1 4ca8bbfe-c385-47ca-ac5e-886bff32125a\n" +
            "1795474667s 0 48429bc9-8b6d-4081-a1ef-d820f4672d0a\n", S(merged));
        Assert.Equal(["4ca8bbfe-c385-47ca-ac5e-886bff32125a"], PresenceLog.Parse(merged).Present());
        var m = PresenceLog.Merge(PresenceLog.Parse(a), PresenceLog.Parse(b), PresenceLog.Parse(b));
        Assert.Equal(3, m.Lines.Count);
        Assert.Equal(["4ca8bbfe-c385-47ca-ac5e-886bff32125a"], m.Present());
    }

    [Fact]
    public void CarriageReturnEndsALineAsUpstream()
    {
        var log = PresenceLog.Parse(B("1s 1 a\r\n2s 1 b\r3s 1 c"));
        Assert.Equal(["a", "b", "c"], log.Present());
    }
}
