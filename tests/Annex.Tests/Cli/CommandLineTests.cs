using Annex.Cli.CommandLine;
using Annex.Cli.Output;

namespace Annex.Tests.Cli;

public class CommandLineTests
{
    private static readonly List<OptionSpec> Specs = [.. CommonOptions.Global, .. CommonOptions.Matching, OptionSpec.Value("from")];

    [Fact]
    public void ParsesValuesInlineSeparateAndShort()
    {
        var a = ArgParser.Parse(["--from=origin", "-J4", "--backend", "SHA1", "file", "-c", "a.b=c", "--", "--notanoption"], Specs);
        Assert.Equal("origin", a.Value("from"));
        Assert.Equal("4", a.Value("jobs"));
        Assert.Equal("SHA1", a.Value("backend"));
        Assert.Equal("a.b=c", a.Value("config"));
        Assert.Equal(["file", "--notanoption"], a.Params);
    }

    [Fact]
    public void MatchingOptionsKeepTheirOrder()
    {
        var a = ArgParser.Parse(["--include=*.c", "--or", "-(", "--in", "here", "--not", "--copies=2", "-)"], Specs);
        Assert.Equal(["include", "or", "(", "in", "not", "copies", ")"], a.Matching.Select(m => m.Name));
    }

    [Theory]
    [InlineData("--bogus", "Invalid option `--bogus'")]
    [InlineData("--from", "The option `--from' expects an argument.")]
    [InlineData("--json=1", "Invalid option `--json=1'")]
    public void BadOptionsGiveReferenceMessages(string arg, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => ArgParser.Parse([arg], Specs)).Message);

    [Fact]
    public void JsonKeysAreSortedAndUtf8IsRaw()
    {
        var o = new JsonObject().Set("success", true).Set("command", "add").Set("error-messages", new List<string>())
            .Set("file", "é \"q\"\n\u0001");
        Assert.Equal("{\"command\":\"add\",\"error-messages\":[],\"file\":\"é \\\"q\\\"\\n\\u0001\",\"success\":true}", o.ToString());
    }

    [Fact]
    public void UsageListsEveryVerbInReferenceLayout()
    {
        var u = Usage.Text();
        Assert.StartsWith("Usage: git-annex COMMAND\n\n  git-annex - manage files with git, without checking their contents in\n\n  Commonly used commands:\n\n  add             add files to annex\n", u);
        Assert.Contains("\n  checkpresentkey check if key is present in remote\n", u);
        Assert.Equal(126, VerbCatalog.All.Count);
    }
}

public class ProgressFormatTests
{
    [Theory]
    [InlineData(32752, 3000000, "1.09%")]
    [InlineData(3000000, 3000000, "100%")]
    [InlineData(1, 2, "50%")]
    [InlineData(0, 5, "0%")]
    [InlineData(1, 3, "33.33%")]
    public void PercentagesAsTheReferenceShowsThem(long done, long total, string expected) =>
        Assert.Equal(expected, Messages.Percent(done, total));
}
