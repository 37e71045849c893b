using Annex.Cli.Shell;
using Annex.Core.Annex;

namespace Annex.Tests.Cli.Shell;

public class ShellArgsTests
{
    [Theory]
    [InlineData("git-annex-shell configlist /srv/repo", new[] { "git-annex-shell", "configlist", "/srv/repo" })]
    [InlineData("git-annex-shell 'inannex' \"/a b\" 'K'", new[] { "git-annex-shell", "inannex", "/a b", "K" })]
    [InlineData("a  b", new[] { "a", "", "b" })]
    [InlineData("a 'b\"c' d", new[] { "a", "b\"c", "d" })]
    [InlineData("x'y z'w", new[] { "xy zw" })]
    [InlineData("'unterminated x", new[] { "unterminated x" })]
    [InlineData("a\\ b", new[] { "a\\", "b" })]
    [InlineData("trailing ", new[] { "trailing" })]
    public void UnEscapeSplitsAsTheReference(string s, string[] words) => Assert.Equal(words, ShellArgs.UnEscape(s));

    [Fact]
    public void UnEscapeOfEmptyIsNoWords() => Assert.Empty(ShellArgs.UnEscape(""));

    [Fact]
    public void PartitionSeparatesParamsFieldsAndRsyncOptions()
    {
        var (ps, fields, rsync) = ShellArgs.Partition(["K", "--uuid", "U", "--", "remoteuuid=x", "autoinit=1", "--", "--bwlimit=5", "--", "z"]);
        Assert.Equal(["K", "--uuid", "U"], ps);
        Assert.Equal(["remoteuuid=x", "autoinit=1"], fields);
        Assert.Equal(["--bwlimit=5", "--", "z"], rsync);
    }

    [Fact]
    public void PartitionWithOneMarkerHasNoRsyncOptions()
    {
        var (ps, fields, rsync) = ShellArgs.Partition(["--", "autoinit=1", "foo=bar"]);
        Assert.Empty(ps);
        Assert.Equal(["autoinit=1", "foo=bar"], fields);
        Assert.Empty(rsync);
    }

    [Fact]
    public void OnlyKnownFieldsWithSaneValuesAreKept()
    {
        var f = ShellArgs.ParseFields(["remoteuuid=ab-12", "autoinit=1", "foo=bar", "unlocked=1"]);
        Assert.Equal(2, f.Count);
        Assert.Equal("ab-12", f["remoteuuid"]);
        Assert.Equal("1", f["autoinit"]);
        Assert.Empty(ShellArgs.ParseFields(["autoinit=0", "autoinit=yes", "remoteuuid=a/b", "remoteuuid=a b", "remoteuuid=..", "autoinit"]));
    }

    [Fact]
    public void GCryptUuidIsTheReferencesNameBasedUuid() =>
        // `git-annex-shell gcryptsetup bare foo` then `--uuid abc` reported this UUID.
        Assert.Equal("c1a238d5-49db-594b-9aa6-29190b21a984", GCryptId.ToUuid("foo").Value);

    [Theory]
    [InlineData("--bwlimit=10", "--bwlimit=10")]
    [InlineData("--bwlimit 10", "--bwlimit=10")]
    [InlineData("--rsh=evil --bwlimit=3 -e x --files-from=/etc/passwd", "--bwlimit=3")]
    [InlineData("--server --sender", "")]
    public void OnlyBwlimitReachesRsync(string opts, string expected) =>
        Assert.Equal(expected, string.Join(' ', global::Annex.Core.Utility.RsyncServer.SafeOptions(opts.Split(' '))));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("0123456789abcdef0123456789abcdef01234567\n", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("ref: refs/heads/master\n", null)]
    [InlineData("0123456789abcdef0123456789abcdef0123456\n", null)]
    [InlineData("0123456789abcdef0123456789abcdef01234567\nx", null)]
    [InlineData("", null)]
    public void ChangedRefsReadsShasLikeExtractSha(string content, string? sha) => Assert.Equal(sha, ChangedRefs.ExtractSha(content));
}
