using Annex.Core.Annex.Adjust;

namespace Annex.Tests.Annex.Adjust;

public class AdjustmentTests
{
    [Theory]
    [InlineData("unlocked")]
    [InlineData("locked")]
    [InlineData("fixed")]
    [InlineData("unfixed")]
    [InlineData("hidemissing")]
    [InlineData("showmissing")]
    [InlineData("hidemissing-unlocked")]
    [InlineData("hidemissing-locked")]
    [InlineData("unlockpresent")]
    [InlineData("lockpresent")]
    public void Serialize_round_trips(string s) => Assert.Equal(s, Adjustment.Parse(s)!.Serialize());

    [Fact]
    public void Names_match_upstream()
    {
        var adj = Adjustment.OfLink(LinkAdjustment.Unlock);
        var b = adj.AdjustedBranch("refs/heads/master");
        Assert.Equal("refs/heads/adjusted/master(unlocked)", b);
        Assert.Equal("refs/basis/adjusted/master(unlocked)", Adjustment.BasisOf(b));
        var back = Adjustment.FromAdjustedBranch(b)!.Value;
        Assert.Equal(adj, back.Adjustment);
        Assert.Equal("refs/heads/master", back.Original);
        Assert.Equal("refs/heads/adjusted/feat/x(hidemissing-unlocked)",
            Adjustment.OfPresence(PresenceAdjustment.HideMissing, LinkAdjustment.Unlock).AdjustedBranch("refs/heads/feat/x"));
        Assert.Equal("refs/heads/a(b)", Adjustment.FromAdjustedBranch("refs/heads/adjusted/a(b)(locked)")!.Value.Original);
        Assert.Null(Adjustment.FromAdjustedBranch("refs/heads/master"));
        Assert.Null(Adjustment.FromAdjustedBranch("refs/heads/adjusted/master(bogus)"));
    }

    [Fact]
    public void Reverse_and_stability()
    {
        Assert.Equal(Adjustment.OfLink(LinkAdjustment.Lock), Adjustment.OfLink(LinkAdjustment.Unlock).Reverse());
        Assert.Equal(Adjustment.OfLink(LinkAdjustment.Lock), Adjustment.OfLink(LinkAdjustment.Lock).Reverse());
        Assert.Equal(Adjustment.OfLink(LinkAdjustment.UnFix), Adjustment.OfLink(LinkAdjustment.Fix).Reverse());
        Assert.Equal(Adjustment.OfPresence(PresenceAdjustment.ShowMissing, LinkAdjustment.Lock),
            Adjustment.OfPresence(PresenceAdjustment.HideMissing, LinkAdjustment.Unlock).Reverse());
        Assert.True(Adjustment.OfLink(LinkAdjustment.Unlock).IsStable);
        Assert.False(Adjustment.OfPresence(PresenceAdjustment.HideMissing, null).IsStable);
        Assert.False(Adjustment.OfLockUnlockPresent(LockUnlockPresentAdjustment.UnlockPresent).IsStable);
        Assert.True(Adjustment.OfPresence(PresenceAdjustment.HideMissing, null).HidesFiles);
    }

    [Fact]
    public void Adjust_log_format_matches_haskell_show()
    {
        var t = DateTimeOffset.UnixEpoch.AddTicks(17954874948554051L);
        Assert.Equal("1795487494.8554051s 0", AdjustLog.Format(false, t));
        Assert.Equal("1795487494s 1", AdjustLog.Format(true, DateTimeOffset.FromUnixTimeSeconds(1795487494)));
        var parsed = AdjustLog.Parse("1795487494.85540519s 0")!.Value;
        Assert.False(parsed.Needed);
        Assert.Equal(1795487494, parsed.Time.ToUnixTimeSeconds());
        Assert.Null(AdjustLog.Parse("garbage"));
    }
}
