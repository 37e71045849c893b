using Annex.Core.Git;

namespace Annex.Tests.Git;

public class TreeWalkerTests
{
    [Fact]
    public void ParsesRawTreeEntries()
    {
        var sha1 = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        var sha2 = Enumerable.Range(100, 20).Select(i => (byte)i).ToArray();
        var raw = new List<byte>();
        raw.AddRange("40000 41d\0"u8.ToArray()); raw.AddRange(sha1);
        raw.AddRange("100644 uuid.log\0"u8.ToArray()); raw.AddRange(sha2);
        var entries = TreeWalker.Parse(raw.ToArray());
        Assert.Equal(Convert.ToHexStringLower(sha1), entries["41d"]);
        Assert.Equal(Convert.ToHexStringLower(sha2), entries["uuid.log"]);
    }

    [Theory]
    [InlineData("100644 x")]
    [InlineData("100644 x\0short")]
    public void MalformedTreesAreRejected(string raw) =>
        Assert.Throws<InvalidDataException>(() => TreeWalker.Parse(System.Text.Encoding.UTF8.GetBytes(raw)));
}
