using Annex.Cli.Commands;

namespace Annex.Tests.Cli;

public class LogCommandTests
{
    [Fact]
    public void ParsesRawGitLog()
    {
        var output = "commit 1795475877\n\n:100644 100644 aaaa bbbb M\t9a1/2b3/K.log\ncommit 1795475840\n\n"
            + ":000000 100644 0000000000000000000000000000000000000000 aaaa A\t9a1/2b3/K.log\n";
        var changes = LogCommand.ParseGitLog(output);
        Assert.Equal(
            [new LogCommand.Change(1795475877, "aaaa", "bbbb"), new LogCommand.Change(1795475840, "0000000000000000000000000000000000000000", "aaaa")],
            changes);
    }

    [Fact]
    public void Rfc822DatesPadTheDayWithASpace()
    {
        if (TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow) != TimeSpan.Zero) return;
        Assert.Equal("Mon, 23 Nov 2026 23:17:57 UTC", LogCommand.Rfc822(1795475877));
        Assert.Equal("Thu,  1 Jan 1970 00:00:00 UTC", LogCommand.Rfc822(0));
    }
}
