using Annex.Core.Remotes.Ssh;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Ssh;

/// <summary>Cases observed with git-annex 10.20261026: the host argument and the path it gave git-annex-shell.</summary>
public class SshUrlTests
{
    [Theory]
    [InlineData("host:", null, "host", null, "/~/")]
    [InlineData("host:rel/p", null, "host", null, "/~/rel/p")]
    [InlineData("host:~/x", null, "host", null, "/~/x")]
    [InlineData("host:~bob/x", null, "host", null, "/~bob/x")]
    [InlineData("u@host:/abs/p", "u", "host", null, "/abs/p")]
    [InlineData("ssh://host/~/x", null, "host", null, "/~/x")]
    [InlineData("ssh://host/~bob/x", null, "host", null, "/~bob/x")]
    [InlineData("ssh://u@host:22/a%20b/c", "u", "host", 22, "/a b/c")]
    [InlineData("git+ssh://host/p", null, "host", null, "/p")]
    [InlineData("ssh+git://host/p", null, "host", null, "/p")]
    [InlineData("ssh://[::1]:99/p", null, "::1", 99, "/p")]
    [InlineData("[::1]:p", null, "::1", null, "/~/p")]
    [InlineData("ssh://host:/p", null, "host", null, "/p")]
    [InlineData("ssh://us%40r@host/p", "us@r", "host", null, "/p")]
    [InlineData("host:/it's $x `y`;z", null, "host", null, "/it's $x `y`;z")]
    [InlineData("host:/a%20b", null, "host", null, "/a%20b")]
    [InlineData("ssh://ho%25st/p", null, "ho%st", null, "/p")]
    [InlineData("ssh://host/a b", null, "host", null, "/a b")]
    public void ParsesAsTheReference(string location, string? user, string host, int? port, string path)
    {
        var url = SshUrl.TryParse(location);
        Assert.NotNull(url);
        Assert.Equal(new SshUrl(user, host, port, path), url);
    }

    [Theory]
    [InlineData("/tmp/repo")]
    [InlineData("../repo")]
    [InlineData("file:///tmp/repo")]
    [InlineData("https://example.com/repo")]
    [InlineData("annex::abc?type=directory")]
    [InlineData("ssh://host:abc/p")] // not a URI; the reference takes it for a path
    [InlineData("ssh://host/%zz")]
    public void NotSsh(string location) => Assert.Null(SshUrl.TryParse(location));

    [Theory]
    [InlineData("ssh://-oProxyCommand=x/p", "rejecting ssh hostname that starts with '-' : -oProxyCommand=x")]
    [InlineData("ssh://-u@host/p", "rejecting ssh hostname that starts with '-' : -u@host")]
    [InlineData("-oProxyCommand=x:repo", "rejecting ssh hostname that starts with '-' : -oProxyCommand=x")]
    [InlineData("ssh://user@-h/p", "rejecting ssh hostname that starts with '-' : user@-h")]
    [InlineData("ssh://[-x]/p", "rejecting ssh hostname that starts with '-' : -x")]
    [InlineData("ssh://host/a%0Ab", "newline or NUL")]
    [InlineData("ssh://host/a%00b", "newline or NUL")]
    [InlineData("host:/a\nb", "newline or NUL")]
    [InlineData("ssh://ho%20st/p", "whitespace or control")]
    [InlineData("ssh://ho%0Ast/p", "whitespace or control")]
    public void RefusesSmuggling(string location, string message)
    {
        var e = Assert.Throws<UserErrorException>(() => SshUrl.TryParse(location));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void HostUserJoinsUser() => Assert.Equal("me@h", new SshUrl("me", "h", null, "/").HostUser);
}
