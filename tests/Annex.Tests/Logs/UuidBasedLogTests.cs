using Annex.Core.Logs;
using static Annex.Tests.Logs.LogTestBytes;
using static Annex.Tests.Logs.LogTimestampTests;

namespace Annex.Tests.Logs;

public class UuidBasedLogTests
{
    // All literal bytes below were written by the reference git-annex 10.20261026.
    private const string UuidLog =
        "48429bc9-8b6d-4081-a1ef-d820f4672d0a fractional timestamp=1795474644s\n" +
        "4ca8bbfe-c385-47ca-ac5e-886bff32125a desc with  two spaces & stuff timestamp=1795474644s\n" +
        "9c807477-972c-4de8-b92a-a437f2c31560  timestamp=1795474667s\n" +
        "ac7277aa-a760-846f-8f3f-f5381ed55db7 cluster mycluster timestamp=1795474674s\n" +
        "b6ad7872-4ef6-4aaf-b135-a945b9223f50 ex timestamp=1795474674s\n";

    private const string Trust =
        "48429bc9-8b6d-4081-a1ef-d820f4672d0a 1 timestamp=1795474674s\n" +
        "4ca8bbfe-c385-47ca-ac5e-886bff32125a ? timestamp=1795474674s\n" +
        "9c807477-972c-4de8-b92a-a437f2c31560 X timestamp=1795474668s\n";

    private const string Groups =
        "48429bc9-8b6d-4081-a1ef-d820f4672d0a x timestamp=1317929189s\n" +
        "4ca8bbfe-c385-47ca-ac5e-886bff32125a archive backup client timestamp=1795474645s\n" +
        "9c807477-972c-4de8-b92a-a437f2c31560  timestamp=1795474667s\n";

    private const string Remotes =
        "48429bc9-8b6d-4081-a1ef-d820f4672d0a chunk=1MiB encryption=none name=dr type=directory timestamp=1795474643s\n" +
        "9c807477-972c-4de8-b92a-a437f2c31560 encryption=none name=rs rsyncurl=/tmp/ref/a&32;b&38;c&9;d type=rsync timestamp=1795474660s\n";

    private const string Texts =
        "48429bc9-8b6d-4081-a1ef-d820f4672d0a  timestamp=5s\n" +
        "4ca8bbfe-c385-47ca-ac5e-886bff32125a include=* and exclude=*.mp3 timestamp=1795474643s\n";

    [Theory]
    [InlineData(UuidLog)]
    [InlineData(Texts)]
    [InlineData("4ca8bbfe-c385-47ca-ac5e-886bff32125a fsck self 30m every day at any time timestamp=1795474648s\n")]
    [InlineData("4ca8bbfe-c385-47ca-ac5e-886bff32125a Fsck timestamp=1795474652s\n")]
    [InlineData("23db9a6a-e225-476f-829e-046003b83d19 fromList [OneLevelObjectHash,OneLevelBranchHash] timestamp=1317929189.157237s\n")]
    [InlineData("23db9a6a-e225-476f-829e-046003b83d19 frac timestamp=1317929189.157237s\n")]
    public void TextLogsRoundTrip(string text)
    {
        var log = TextUuidLog.Parse(B(text));
        Assert.Empty(log.Warnings);
        Assert.Equal(text, S(TextUuidLog.Format(log)));
    }

    [Fact]
    public void DescriptionsKeepSpacesAndEmptyValue()
    {
        var m = TextUuidLog.Parse(B(UuidLog)).Current();
        Assert.Equal("desc with  two spaces & stuff", m[Uuid.Parse("4ca8bbfe-c385-47ca-ac5e-886bff32125a")]);
        Assert.Equal("", m[Uuid.Parse("9c807477-972c-4de8-b92a-a437f2c31560")]);
        Assert.Equal("a\\nb", TextUuidLog.EscapeDescription("a\nb"));
    }

    [Fact]
    public void OldLinesWithoutTimestampHaveUnknownClockAndLose()
    {
        var log = TextUuidLog.Parse(B("u1 old value\nu1 new timestamp=1s\nu2 only old\nu3\n"));
        Assert.Equal("new", log.Current()[Uuid.Parse("u1")]);
        Assert.False(log.Entries[Uuid.Parse("u2")].Changed.IsKnown);
        Assert.Equal("u1 new timestamp=1s\nu2 only old\nu3 \n", S(TextUuidLog.Format(log)));
    }

    [Fact]
    public void TimestampWordInsideAValueIsPartOfIt()
    {
        var log = TextUuidLog.Parse(B("u a timestamp=x b timestamp=2 timestamp=3s\n"));
        Assert.Equal("a timestamp=x b timestamp=2", log.Current()[Uuid.Parse("u")]);
    }

    [Fact]
    public void TrustLevels()
    {
        var log = TrustLog.Parse(B(Trust));
        Assert.Equal(Trust, S(TrustLog.Format(log)));
        Assert.Equal([TrustLevel.Trusted, TrustLevel.SemiTrusted, TrustLevel.Dead], log.Current().Values);
        var odd = TrustLog.Parse(B("a timestamp=1s\nb Z timestamp=1s\nc 10 timestamp=1s\n"));
        Assert.Equal(TrustLevel.Trusted, odd.Current()[Uuid.Parse("a")]);
        Assert.Equal(TrustLevel.SemiTrusted, odd.Current()[Uuid.Parse("b")]);
        Assert.Single(odd.Unparsed);
        Assert.True(TrustLog.TryParseName("dead", out var d) && d == TrustLevel.Dead);
        Assert.Equal("semitrusted", TrustLog.Name(TrustLevel.SemiTrusted));
    }

    [Fact]
    public void GroupsAreSortedSets()
    {
        var log = GroupLog.Parse(B(Groups));
        Assert.Equal(Groups, S(GroupLog.Format(log)));
        Assert.Empty(log.Current()[Uuid.Parse("9c807477-972c-4de8-b92a-a437f2c31560")]);
        var messy = GroupLog.Parse(B("u  client   archive  timestamp=1s\n"));
        Assert.Equal("u archive client timestamp=1s\n", S(GroupLog.Format(messy)));
        Assert.Single(GroupLog.ByGroup(log)["archive"]);
    }

    [Fact]
    public void ChangeAdvancesPastThatUuidsClock()
    {
        // Reference: describe dr "fractional" with GIT_ANNEX_VECTOR_CLOCK=1317929189.157237 over 1795474643s.
        var log = TextUuidLog.Parse(B("48429bc9-8b6d-4081-a1ef-d820f4672d0a dr timestamp=1795474643s\n"));
        log.Set(Uuid.Parse("48429bc9-8b6d-4081-a1ef-d820f4672d0a"), "fractional", Ts("1317929189.157237s"));
        Assert.Equal("48429bc9-8b6d-4081-a1ef-d820f4672d0a fractional timestamp=1795474644s\n", S(TextUuidLog.Format(log)));
    }

    [Fact]
    public void RemoteConfigEscapingAndOrder()
    {
        var log = RemoteConfigLog.Parse(B(Remotes));
        Assert.Equal(Remotes, S(RemoteConfigLog.Format(log)));
        var rs = log.Current()[Uuid.Parse("9c807477-972c-4de8-b92a-a437f2c31560")];
        Assert.Equal("/tmp/ref/a b&c\td", rs["rsyncurl"]);
        Assert.Equal("a&amp;b&9x;&;&99999999;\u00a0", RemoteConfigLog.Unescape("a&amp;b&9x;&;&99999999;&160;"));
        Assert.Equal("&38;&32;&160;\u0085", RemoteConfigLog.Escape("& \u00a0\u0085"));
        Assert.True(RemoteConfigLog.TryParseValue("b=2 a=1 flag a=3", out var c));
        Assert.Equal("a=3 b=2 flag=", RemoteConfigLog.FormatValue(c));
    }

    [Fact]
    public void UnionMergeNewestPerUuidWins()
    {
        var a = B("u x timestamp=5s\nv y timestamp=1s\n");
        var b = B("u z timestamp=6s\nv w timestamp=1s\n");
        var log = TextUuidLog.Parse(LogText.UnionMerge(a, b));
        Assert.Equal("z", log.Current()[Uuid.Parse("u")]);
        // Equal clocks: the later line of the sorted merge wins, as upstream reads it.
        Assert.Equal("y", log.Current()[Uuid.Parse("v")]);
        var merged = MapLog<Uuid, string>.Merge(TextUuidLog.Parse(a), TextUuidLog.Parse(b));
        Assert.Equal("z", merged.Current()[Uuid.Parse("u")]);
    }
}
