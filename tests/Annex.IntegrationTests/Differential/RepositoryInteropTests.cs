using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>Repositories made by one implementation are read correctly by the other.</summary>
public class RepositoryInteropTests
{
    [Fact]
    public void ReferenceFscksAndLocatesWhatWeAdded()
    {
        if (!Available()) return;
        var dir = NewRepo();
        Assert.Equal(0, Run(Ours, dir, "init", "ours").Code);
        File.WriteAllText(Path.Combine(dir, "a.txt"), "alpha\n");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "b.bin"), "beta\n");
        Assert.Equal(0, Run(Ours, dir, "add", ".").Code);
        Git(Ours, dir, "commit", "-q", "-m", "add");

        var fsck = Run(Reference, dir, "fsck");
        Assert.True(fsck.Code == 0, fsck.Out + fsck.Err);
        Assert.Equal(2, Regex.Matches(fsck.Out, @"^fsck .* ok$", RegexOptions.Multiline).Count);

        var theirs = Run(Reference, dir, "whereis", "--json", "a.txt").Out;
        var ours = Run(Ours, dir, "whereis", "--json", "a.txt").Out;
        Assert.Equal(theirs, ours);
        Assert.Equal(Run(Reference, dir, "find", "--json").Out, Run(Ours, dir, "find", "--json").Out);
    }

    [Fact]
    public void WeGetFromAReferenceRepositoryAndBothRecordTheCopy()
    {
        if (!Available()) return;
        var origin = NewRepo();
        Assert.Equal(0, Run(Reference, origin, "init", "theirs").Code);
        File.WriteAllText(Path.Combine(origin, "f"), "content\n");
        Assert.Equal(0, Run(Reference, origin, "add", "f").Code);
        Git(Reference, origin, "commit", "-q", "-m", "add");

        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(Ours, clone, "clone", "-q", origin, ".");
        Assert.Equal(0, Run(Ours, clone, "init", "ours").Code);
        var get = Run(Ours, clone, "get", "f");
        Assert.True(get.Code == 0, get.Out + get.Err);
        Assert.Equal("content\n", File.ReadAllText(Path.Combine(clone, "f")));

        var whereis = Run(Reference, clone, "whereis", "f");
        Assert.Contains("(2 copies)", whereis.Out);
        Assert.Contains("ours [here]", whereis.Out);
        Assert.Contains("theirs [origin]", whereis.Out);
        Assert.Equal(0, Run(Reference, clone, "fsck", "f").Code);
    }
}
