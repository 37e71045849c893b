using System.Text;
using Annex.Core.Annex;
using Annex.Core.Keys;

namespace Annex.Tests.Annex;

public class UnusedKeysTests
{
    private static readonly Key Foo = Key.Parse("SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c");

    [Fact]
    public void BlobsNameKeysAsPointersOrSymlinkTargets()
    {
        Assert.Equal(Foo, UnusedKeys.KeyOfBlob(Encoding.UTF8.GetBytes("/annex/objects/" + Foo + "\n")));
        Assert.Equal(Foo, UnusedKeys.KeyOfBlob(Encoding.UTF8.GetBytes(Locations.SymlinkTarget(Foo, "a/b"))));
        Assert.Null(UnusedKeys.KeyOfBlob(Encoding.UTF8.GetBytes("just some text\n")));
        Assert.Null(UnusedKeys.KeyOfBlob(Encoding.UTF8.GetBytes(Locations.SymlinkTarget(Foo, "a") + "\nmore")));
    }

    [Theory]
    [InlineData("refs/heads/master", true)]
    [InlineData("refs/tags/v1", true)]
    [InlineData("refs/remotes/origin/master", true)]
    [InlineData("refs/heads/git-annex", false)]
    [InlineData("refs/remotes/origin/git-annex", false)]
    [InlineData("refs/synced/abc/master", false)]
    [InlineData("refs/annex/last-index", false)]
    [InlineData("refs/heads/views/master(author=x)", false)]
    public void DefaultUsedRefs(string name, bool used) => Assert.Equal(used, UnusedKeys.IsUsedRef(name));

    [Theory]
    [InlineData("refs/heads/master", "master")]
    [InlineData("refs/remotes/origin/HEAD", "origin/HEAD")]
    [InlineData("refs/tags/t1", "refs/tags/t1")]
    [InlineData("HEAD", "HEAD")]
    public void RefsAreDescribedAsTheReferenceDoes(string name, string shown) => Assert.Equal(shown, UnusedKeys.Describe(name));
}
