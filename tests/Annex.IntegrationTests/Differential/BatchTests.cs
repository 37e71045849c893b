using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>--batch answers every record, in the reference's shapes (programs like datalad depend on it).</summary>
public class BatchTests
{
    [Theory]
    [InlineData("a\nnosuch\nsub/b\na\n", "find", "--batch")]
    [InlineData("a\nnosuch\n", "whereis", "--batch", "--json")]
    [InlineData("a\0nosuch\0sub/b\0", "get", "--batch", "-z", "--json")]
    [InlineData("sub/b\nnosuch\n", "drop", "--batch", "--json", "--force")]
    public void BatchOutputMatchesTheReference(string input, params string[] args)
    {
        if (!Available()) return;
        Assert.Equal(Transcript(Reference, input, args), Transcript(Ours, input, args));
    }

    private static string Transcript(string annex, string input, string[] args)
    {
        var origin = NewRepo();
        FixUuid(annex, origin, OriginUuid);
        Assert.Equal(0, Run(annex, origin, "init", "-q", "main").Code);
        Directory.CreateDirectory(Path.Combine(origin, "sub"));
        File.WriteAllText(Path.Combine(origin, "a"), "a\n");
        File.WriteAllText(Path.Combine(origin, "sub", "b"), "b\n");
        Assert.Equal(0, Run(annex, origin, "add", "-q", ".").Code);
        Git(annex, origin, "commit", "-q", "-m", "x");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        FixUuid(annex, clone, CloneUuid);
        Assert.Equal(0, Run(annex, clone, "init", "-q", "clone").Code);
        Assert.Equal(0, Run(annex, clone, "get", "-q", "a").Code);
        var r = RunWithInput(annex, annex, clone, input, args);
        return $"{r.Code}\n" + Regex.Replace(r.Out, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
    }
}
