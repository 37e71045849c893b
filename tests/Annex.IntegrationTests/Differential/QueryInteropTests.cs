using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>fsck, info, metadata and log give the reference's answers on the same repository.</summary>
public class QueryInteropTests
{
    /// <summary>A reference origin with two annexed files, and a clone of it initialised by us that has one file's content.</summary>
    private static (string Origin, string Clone) MakeClone()
    {
        var origin = NewRepo();
        Assert.Equal(0, Run(Reference, origin, "init", "theirs").Code);
        File.WriteAllText(Path.Combine(origin, "foo"), "foo\n");
        File.WriteAllText(Path.Combine(origin, "sha1foo"), "sha1 content\n");
        Assert.Equal(0, Run(Reference, origin, "add", "foo").Code);
        Assert.Equal(0, Run(Reference, origin, "add", "--backend", "SHA1", "sha1foo").Code);
        Git(Reference, origin, "commit", "-q", "-m", "add");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(Ours, clone, "clone", "-q", origin, ".");
        Assert.Equal(0, Run(Ours, clone, "init", "ours").Code);
        Assert.Equal(0, Run(Ours, clone, "get", "foo").Code);
        return (origin, clone);
    }

    private static string WithoutDiskSpace(string json) =>
        Regex.Replace(json, "\"available local disk space\":\"[^\"]*\",?", "");

    [Fact]
    public void InfoAndMetadataJsonMatchTheReference()
    {
        if (!Available()) return;
        var (_, clone) = MakeClone();
        Assert.Equal(0, Run(Ours, clone, "metadata", "-s", "author=me", "-t", "draft", "foo").Code);
        Assert.Equal(0, Run(Reference, clone, "metadata", "-s", "year=2024", "sha1foo").Code);

        foreach (var args in new[] { new[] { "info", "--json" }, ["info", "--json", "--fast"], ["info", "--json", "foo", "sha1foo"],
                     ["info", "--json", "origin"], ["info", "--json", "."], ["metadata", "--json"], ["metadata", "--json", "foo"],
                     ["log", "--json", "foo"] })
        {
            var theirs = Run(Reference, clone, args);
            var ours = Run(Ours, clone, args);
            var strip = (string s) => Regex.Replace(WithoutDiskSpace(s), "\"last synced\":\"[^\"]*\",?", "");
            Assert.Equal(strip(theirs.Out), strip(ours.Out));
            Assert.Equal(theirs.Code, ours.Code);
        }
        Assert.Equal(Run(Reference, clone, "info", "foo", "sha1foo").Out, Run(Ours, clone, "info", "foo", "sha1foo").Out);
        Assert.Equal(Run(Reference, clone, "log", "foo").Out, Run(Ours, clone, "log", "foo").Out);
        Assert.Equal(Run(Reference, clone, "metadata", "-g", "author", "foo").Out, Run(Ours, clone, "metadata", "-g", "author", "foo").Out);
    }

    [Fact]
    public void OurFsckFindsTheCorruptionTheReferenceFinds()
    {
        if (!Available()) return;
        var (_, clone) = MakeClone();
        Assert.Equal(0, Run(Ours, clone, "get", "sha1foo").Code);
        // Same-size corruption of foo's object (only the checksum can catch it).
        var obj = Run(Ours, clone, "find", "--format=${hashdirmixed}${key}/${key}\n", "foo").Out.Trim();
        var path = Path.Combine(clone, ".git/annex/objects", obj);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, "bar\n");
        var copy = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Directory.Delete(copy);
        Assert.Equal(0, Run("cp", "/", "-a", clone, copy).Code);

        var theirs = Run(Reference, clone, "fsck", "--json");
        var ours = Run(Ours, copy, "fsck", "--json");
        Assert.Equal(1, theirs.Code);
        Assert.Equal(theirs.Code, ours.Code);
        Assert.Equal(theirs.Out, ours.Out);
        Assert.Contains("Bad file content", ours.Err);
        var bad = Path.Combine(".git/annex/bad", Path.GetFileName(path));
        Assert.True(File.Exists(Path.Combine(clone, bad)));
        Assert.True(File.Exists(Path.Combine(copy, bad)));
        Assert.False(File.Exists(Path.Combine(copy, ".git/annex/objects", obj)));

        // Each now sees the content as missing here, and the other agrees.
        Assert.Equal(0, Run(Ours, clone, "fsck").Code);
        Assert.Equal(0, Run(Reference, copy, "fsck").Code);
        // Both fscks recorded the same location change: the reference sees the same copies in either repository.
        Assert.Equal(Run(Reference, clone, "whereis", "--json", "foo").Out, Run(Reference, copy, "whereis", "--json", "foo").Out);
    }
}
