using System.Text;
using Annex.Core.Annex;
using Annex.Core.Logs;

namespace Annex.Tests.Logs;

public class VerifyingRemoteLogTests
{
    // As the reference (10.20261026) wrote it after enableremote and a bare verifyremote.
    private const string Written = "1795495044s 1 encryption=none name=dr type=directory\n1795495050s 2 autoenable=true chunk=1KiB encryption=none name=dr type=directory\n";

    [Fact]
    public void RoundTripsTheReferencesLines()
    {
        var entries = VerifyingRemoteLog.Parse(Written);
        Assert.Equal(2, entries.Count);
        Assert.Equal(2, entries[1].Id);
        Assert.Equal("1KiB", entries[1].Config["chunk"]);
        Assert.Equal(Written, VerifyingRemoteLog.Format(entries));
        Assert.Equal(3, VerifyingRemoteLog.NextId(entries));
    }

    [Theory]
    [InlineData("garbage\n")]
    [InlineData("1795495044s x encryption=none\n")]
    [InlineData("\n")]
    public void UnreadableLinesAreDroppedSoTheirIdCanNeverBeAccepted(string line) =>
        Assert.Empty(VerifyingRemoteLog.Parse(line));

    [Fact]
    public void TheFirstIdIsOne() => Assert.Equal(1, VerifyingRemoteLog.NextId([]));

    [Fact]
    public void ConfigurationIsShownTypeFirstWithoutTheName()
    {
        var config = new Dictionary<string, string> { ["name"] = "dr", ["encryption"] = "none", ["type"] = "directory", ["chunk"] = "1KiB", ["autoenable"] = "true" };
        Assert.Equal("type=directory autoenable=true chunk=1KiB encryption=none", RemoteVerification.Display(config, ["directory", "ignoreinodes"]));
        // The type's own fields come first, in its parser's order (as the reference showed "type=git location=../c autoenable=true").
        var git = new Dictionary<string, string> { ["name"] = "baz", ["type"] = "git", ["location"] = "../c", ["autoenable"] = "true" };
        Assert.Equal("type=git location=../c autoenable=true", RemoteVerification.Display(git, ["location"]));
    }

    [Fact]
    public void VerifiedLogIsRemoteLogsFormat()
    {
        var line = "46fc906d-2727-4378-916e-54f1829446d0 encryption=none name=dr type=directory timestamp=1795495049s\n";
        Assert.Equal(line, Encoding.UTF8.GetString(RemoteConfigLog.Format(RemoteConfigLog.Parse(Encoding.UTF8.GetBytes(line)))));
    }
}
