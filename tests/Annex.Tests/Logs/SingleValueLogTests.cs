using Annex.Core.Logs;
using static Annex.Tests.Logs.LogTestBytes;
using static Annex.Tests.Logs.LogTimestampTests;

namespace Annex.Tests.Logs;

public class SingleValueLogTests
{
    // Reference 10.20261026: metadata -s tag=a -s tag=b -s "author=Jo Doe" -s weird=!bang -s Émoji=çé, then -t c -u a.
    private const string Met =
        "1795474652s author +!Sm8gRG9l tag +a +b weird +!IWJhbmc= Émoji +çé\n" +
        "1795474653s tag -a +c\n";

    [Fact]
    public void NumCopiesNewestWinsAndSetAdvances()
    {
        var log = CopiesLog.Parse(B("1317929189.157237s 2\n"));
        var next = log.WithValue(3, Ts("1317929189.157237s"));
        Assert.Equal("1317929190.157237s 3\n", S(CopiesLog.Format(next)));   // reference bytes
        var merged = CopiesLog.Parse(LogText.UnionMerge(B("5s 2\n"), B("7s 4\n"), B("6s 9\n")));
        Assert.True(merged.TryGetNewest(out var n) && n == 4);
        Assert.True(CopiesLog.Parse(B("5s 0\n")).TryGetNewest(out var one) && one == 1);
        Assert.True(CopiesLog.Parse(B("5s 2\n5s 3\n")).TryGetNewest(out var tie) && tie == 3);
    }

    [Fact]
    public void MetaDataRoundTripsAndCurrent()
    {
        var log = MetaDataLog.Parse(B(Met));
        Assert.Empty(log.Warnings);
        Assert.Equal(Met, S(MetaDataLog.Format(log)));
        var cur = MetaDataLog.Current(log);
        Assert.Equal("author +!Sm8gRG9l tag +b +c weird +!IWJhbmc= Émoji +çé", MetaDataLog.FormatValue(cur));
        Assert.Equal("Jo Doe", cur.Fields["AUTHOR"].Single().Text);
    }

    [Fact]
    public void MetaDataAddWritesLikeReference()
    {
        var log = MetaDataLog.Parse(B(Met[..Met.IndexOf('\n')] + "\n"));
        var change = new MetaData([("tag", MetaValue.Unset("a")), ("tag", MetaValue.Set("c"))]);
        Assert.Equal(Met, S(MetaDataLog.Format(MetaDataLog.Add(log, change, Ts("1795474653s")))));
    }

    [Fact]
    public void MetaDataSimplifyDropsOverriddenLines()
    {
        var log = MetaDataLog.Parse(B("1s tag +a\n2s tag +b\n"));
        var next = MetaDataLog.Add(log, new MetaData([("tag", MetaValue.Unset("a"))]), Ts("2s"));
        Assert.Equal("2s tag +b\n3s tag -a\n", S(MetaDataLog.Format(next)));
    }

    [Fact]
    public void MetaDataValueParsingQuirks()
    {
        Assert.True(MetaDataLog.TryParseValue("f +a -a g +!!! +x", out var m));
        Assert.False(m.Fields["f"].Single().IsSet);          // later +/- of the same value wins
        Assert.True(m.Fields.ContainsKey("+!!!"));            // bad base64 starts a field, as upstream
        Assert.Equal("f +!IWE=", MetaDataLog.FormatValue(new MetaData([("f", MetaValue.Set("!a"))])));
    }

    [Fact]
    public void TransitionsKeepUnknownAndOrder()
    {
        const string reference = "ForgetGitHistory 1317929189.157237s\nForgetDeadRemotes 1317929189.157237s\n";
        var log = TransitionsLog.Parse(B(reference));
        Assert.Equal(reference, S(log.Format()));
        Assert.False(log.HasUnknown);
        var merged = TransitionsLog.Merge(log, TransitionsLog.Parse(B("FutureThing 1s\nForgetGitHistory 1317929189.157237s extra\n")));
        Assert.True(merged.HasUnknown);
        Assert.Equal("FutureThing 1s\n" + reference, S(merged.Format()));
        log.Add("ForgetGitHistory", Ts("1s"));
        Assert.Equal("1317929190.157237s", log.Lines.Last().Started.ToString());
    }
}
