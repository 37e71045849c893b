using System.Text;
using Annex.Core.Database;
using Annex.Core.Remotes.DirectoryRemote;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.DirectoryRemote;

/// <summary>The directory remote's export actions: files by path, content identifiers guarding changes.</summary>
public sealed class DirectoryExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("direxport-").FullName;
    private readonly string _src;

    public DirectoryExportTests()
    {
        _src = Path.Combine(_dir, "src");
        File.WriteAllText(_src, "content\n");
        Directory.CreateDirectory(Path.Combine(_dir, "remote"));
    }

    private DirectoryExport Target(bool ignoreInodes = false) => new(Path.Combine(_dir, "remote"), ignoreInodes);

    [Fact]
    public void StoreWritesUnderTheTreePathAndRemoveTakesEmptiedDirectories()
    {
        var t = Target();
        t.Store(_src, "a/b/c");
        Assert.Equal("content\n", File.ReadAllText(t.PathOf("a/b/c")));
        Assert.Single(Directory.EnumerateFiles(t.Root, "*", SearchOption.AllDirectories)); // no temporary file left
        t.Remove("a/b/c");
        Assert.Empty(Directory.EnumerateFileSystemEntries(t.Root));
    }

    [Fact]
    public void StoreCheckedReturnsTheIdentifierOfTheFileItWrote()
    {
        var t = Target();
        var cid = t.StoreChecked(_src, "f", []);
        Assert.Equal(Encoding.UTF8.GetString(t.ContentIdentifier(t.PathOf("f"))!), Encoding.UTF8.GetString(cid));
        Assert.Matches(@"^\d+ 8 \d+( \d*)?$", Encoding.UTF8.GetString(cid));
    }

    [Fact]
    public void AChangedFileIsNeitherOverwrittenNorRemoved()
    {
        var t = Target();
        var cid = t.StoreChecked(_src, "f", []);
        File.WriteAllText(t.PathOf("f"), "changed in the directory\n");
        Assert.Equal("unsafe to overwrite file", Assert.Throws<UserErrorException>(() => t.StoreChecked(_src, "f", [cid])).Message);
        Assert.Equal("unsafe to remove modified file", Assert.Throws<UserErrorException>(() => t.RemoveChecked("f", [cid])).Message);
        Assert.Equal("changed in the directory\n", File.ReadAllText(t.PathOf("f")));
        // An unknown file where a new one goes is not overwritten either.
        File.WriteAllText(t.PathOf("g"), "someone's\n");
        Assert.Throws<UserErrorException>(() => t.StoreChecked(_src, "g", []));
    }

    [Fact]
    public void IdentifiersDifferingOnlyByAnIgnoredInodeAreTheSame()
    {
        var withInode = "123 8 1795474674 352052365"u8.ToArray();
        var without = "0 8 1795474674 352052365"u8.ToArray();
        Assert.True(DirectoryExport.SameContent(without, [withInode]));
        Assert.True(DirectoryExport.SameContent(withInode, [without]));
        Assert.False(DirectoryExport.SameContent("124 8 1795474674 352052365"u8.ToArray(), [withInode]));
    }

    [Fact]
    public void ExportDirectoriesOfAPath()
    {
        Assert.Equal(["a", "a/b"], ExportDb.Parents("a/b/c"));
        Assert.Empty(ExportDb.Parents("top"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
