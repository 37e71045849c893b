using Annex.Core.Logs;
using Annex.Core.Remotes.Ssh;

namespace Annex.Tests.Remotes.Ssh;

public class ShellQuoteTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("`id`", "'`id`'")]
    [InlineData("a;rm -rf /", "'a;rm -rf /'")]
    [InlineData("-oProxyCommand=x", "'-oProxyCommand=x'")]
    [InlineData("\"q\"", "'\"q\"'")]
    [InlineData("", "''")]
    public void EscapesAsTheReference(string s, string expected) => Assert.Equal(expected, ShellQuote.Escape(s));

    [Theory]
    [InlineData("it's $x `y`;z \"w\" -n \\ back")]
    [InlineData("'''")]
    [InlineData("new\nline")]
    public async Task ShRoundTrips(string s)
    {
        var r = await global::Annex.Core.Utility.ProcessRunner.RunAsync("sh", ["-c", "printf %s " + ShellQuote.Escape(s)]);
        Assert.Equal(s, r.StdoutText);
    }

    [Fact]
    public void SplitsOptionsOnWhitespaceOnlyAsTheReference() =>
        Assert.Equal(["-4", "-i", "\"/x", "y\""], ShellQuote.SplitWords(" -4\t-i \"/x y\" "));

    [Fact]
    public void ConfigListCommand() =>
        Assert.Equal("git-annex-shell 'configlist' '/tmp/sshobs/origin'", GitAnnexShellCommand.ConfigList(null, "/tmp/sshobs/origin"));

    [Fact]
    public void ConfigListWithDebugUuidAndAutoinit() =>
        Assert.Equal("/opt/gas 'configlist' '/~/x' '--debug' --uuid 5ba6c568-38d5-4209-8a28-98b16b9cf940 '--' 'autoinit=1' '--'",
            GitAnnexShellCommand.ConfigList("/opt/gas", "/~/x", Uuid.Parse("5ba6c568-38d5-4209-8a28-98b16b9cf940"), autoInit: true, debug: true));

    [Fact]
    public void P2PStdioCommandAsObserved() =>
        Assert.Equal("git-annex-shell 'p2pstdio' '/tmp/sshobs/origin' '927ab90f-e789-4bda-9e9e-0fce9e01c906' --uuid 5ba6c568-38d5-4209-8a28-98b16b9cf940",
            GitAnnexShellCommand.P2PStdio(null, "/tmp/sshobs/origin", Uuid.Parse("927ab90f-e789-4bda-9e9e-0fce9e01c906"), Uuid.Parse("5ba6c568-38d5-4209-8a28-98b16b9cf940")));

    [Fact]
    public void PathWithQuoteAsObserved() =>
        Assert.Equal("git-annex-shell 'configlist' '/it'\"'\"'s $x `y`;z'", GitAnnexShellCommand.ConfigList(null, "/it's $x `y`;z"));
}
