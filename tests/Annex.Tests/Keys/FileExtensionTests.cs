using Annex.Core.Keys;

namespace Annex.Tests.Keys;

/// <summary>Expected extensions from the reference's <c>git annex calckey --backend=MD5E</c> on files with these names.</summary>
public class FileExtensionTests
{
    [Theory]
    [InlineData("foo.tar.gz", ".tar.gz")]
    [InlineData(".bashrc", "")]
    [InlineData("a.verylongext", "")]
    [InlineData("x.JPG", ".JPG")]
    [InlineData("file.with.many.parts.txt", ".txt")]   // "with" and "many" fit but "parts" (5) stops the scan
    [InlineData("with space.t t", "")]
    [InlineData("naïve.café", "")]                     // "café" is 5 UTF-8 bytes
    [InlineData("photo.jpeg", ".jpeg")]
    [InlineData("a.b c.gz", ".gz")]
    [InlineData("a.x.b c.gz", ".x.gz")]                // invalid parts are skipped, not a stop
    [InlineData("a..b.c", ".b.c")]
    [InlineData("a.b..c", ".c")]                       // the empty part counts toward the two
    [InlineData("noext", "")]
    [InlineData("a.", "")]
    [InlineData("x.ü", ".ü")]
    [InlineData("x.日本", "")]                          // 6 bytes
    [InlineData("x.tar.gz.", ".gz")]
    [InlineData(".a.b", ".b")]
    [InlineData("a.b-c.d", ".d")]
    [InlineData("a.b_c", "")]
    [InlineData("a.12345", "")]
    [InlineData("x.ab12.cd.ef", ".cd.ef")]
    [InlineData("sub.dir/foo", "")]                    // only the file name counts
    public void DefaultsMatchTheReference(string name, string ext) => Assert.Equal(ext, FileExtension.Select(name));

    [Theory]
    [InlineData("x.ab12.cd.ef", 5, 3, ".ab12.cd.ef")]
    [InlineData("x.ab12.cd.ef", 4, 3, ".ab12.cd.ef")]
    [InlineData("a.12345", 5, 2, ".12345")]
    [InlineData("foo.tar.gz", 4, 1, ".gz")]
    [InlineData("foo.tar.gz", 4, 0, "")]
    [InlineData("foo.tar.gz", 0, 2, "")]
    public void LimitsMatchTheReference(string name, int maxLength, int maxExtensions, string ext) =>
        Assert.Equal(ext, FileExtension.Select(name, maxLength, maxExtensions));
}
