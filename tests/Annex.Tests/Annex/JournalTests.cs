using Annex.Core.Annex;

namespace Annex.Tests.Annex;

public class JournalTests
{
    [Theory]
    [InlineData("uuid.log", "uuid.log")]
    [InlineData("41d/a26/SHA256E-s4--b5.log", "41d_a26_SHA256E-s4--b5.log")]
    [InlineData("a_b/c__d", "a__b_c____d")]
    public void MangleMatchesReference(string branchPath, string journalName)
    {
        Assert.Equal(journalName, Journal.MangleName(branchPath));
        Assert.Equal(branchPath, Journal.UnmangleName(journalName));
    }

    [Fact]
    public void WritesAreWholeFilesAndListed()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var j = new Journal(dir);
            Assert.False(j.IsDirty);
            j.Write("a/b_c.log", "1 1 u\n"u8);
            j.Write("a/b_c.log", "2 1 u\n"u8);
            Assert.Equal("2 1 u\n"u8.ToArray(), j.Read("a/b_c.log"));
            Assert.Equal(["a/b_c.log"], j.Entries().Select(e => e.BranchPath));
            Assert.Null(j.Read("missing"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
