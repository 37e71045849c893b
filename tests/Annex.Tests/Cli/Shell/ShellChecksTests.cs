using Annex.Cli.Shell;
using Annex.Core.Utility;

namespace Annex.Tests.Cli.Shell;

public class ShellChecksTests
{
    private static ShellChecks With(params (string Name, string Value)[] env) =>
        new(n => env.FirstOrDefault(e => e.Name == n).Value, "/home/u");

    private static string Refusal(ShellChecks c, string? dir) =>
        Assert.Throws<UserErrorException>(() => c.CheckDirectory(dir)).Message;

    [Fact]
    public void EnvironmentVariablesCountWhenNonEmpty()
    {
        With((ShellChecks.ReadOnlyEnv, "")).CheckNot(ShellChecks.ReadOnlyEnv);
        With().CheckNot(ShellChecks.AppendOnlyEnv);
        var e = Assert.Throws<UserErrorException>(() => With((ShellChecks.ReadOnlyEnv, "0")).CheckNot(ShellChecks.ReadOnlyEnv));
        Assert.Equal("Action blocked by GIT_ANNEX_SHELL_READONLY", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Theory]
    [InlineData("/srv/repo", "/srv/repo")]
    [InlineData("/srv/repo", "/srv/repo/")]
    [InlineData("/srv/repo", "/srv//repo/.")]
    [InlineData("/srv/repo", "/srv/other/../repo")]
    [InlineData("/home/u/annex", "annex")]
    [InlineData("/home/u/annex", "~/annex")]
    [InlineData("/home/u/annex", "/~/annex")]
    [InlineData("~/annex", "annex")]
    [InlineData("~/annex", "/home/u/annex")]
    public void TheAllowedDirectoryIsAccepted(string allowed, string dir) =>
        With((ShellChecks.DirectoryEnv, allowed)).CheckDirectory(dir);

    [Theory]
    [InlineData("/srv/repo", "/srv/other", "Only allowed to access /srv/repo not /srv/other")]
    [InlineData("/srv/repo", "/srv/repo/../other", "Only allowed to access /srv/repo not /srv/other")]
    [InlineData("/srv/repo", "/srv/repo/sub", "Only allowed to access /srv/repo not /srv/repo/sub")]
    [InlineData("/srv/repo", "repo", "Only allowed to access /srv/repo not ~/repo")]
    [InlineData("/home/u/x", "/tmp", "Only allowed to access ~/x not /tmp")]
    [InlineData("/home/u/x", "/~/y", "Only allowed to access ~/x not ~/y")]
    [InlineData("/home/u/x", "/~u/x", "Only allowed to access ~/x not /~u/x")]
    [InlineData("/srv/repo", "../../srv/repo/../../etc", "Only allowed to access /srv/repo not /etc")]
    public void OtherDirectoriesAreRefusedWithTheReferenceText(string allowed, string dir, string message) =>
        Assert.Equal(message, Refusal(With((ShellChecks.DirectoryEnv, allowed)), dir));

    [Fact]
    public void AMissingDirectoryIsRefused() =>
        Assert.Equal("Only allowed to access /srv/repo and could not determine directory from command line",
            Refusal(With((ShellChecks.DirectoryEnv, "/srv/repo")), null));

    [Fact]
    public void AnUnsetDirectoryAllowsAnything() => With().CheckDirectory("/anything/../at/all");

    [Theory]
    [InlineData("~/x", "/home/u/x")]
    [InlineData("/~/x", "//home/u/x")]
    [InlineData("~", "/home/u")]
    [InlineData("~bob/r", "/home/bob/r")]
    [InlineData("/~bob/r", "//home/bob/r")]
    [InlineData("~nosuch/r", "~nosuch/r")]
    [InlineData("a/~/b", "a//home/u/b")]
    [InlineData("/srv/a~b", "/srv/a~b")]
    public void TildesExpandAsTheReference(string dir, string expanded) =>
        Assert.Equal(expanded, ShellRepo.ExpandTilde(dir, "/home/u", n => n == "bob" ? "/home/bob" : null));

    [Fact]
    public void RelativeDirectoriesAreFromHome() => Assert.Equal("/home/u/annex", ShellRepo.AbsPath("annex", "/home/u"));
}
