using Annex.Core.Remotes.Ssh;
using System.Text;

namespace Annex.Tests.Remotes.Ssh;

public class ConfigListTests
{
    [Fact]
    public void ReadsUuidAndEmptyGcryptId()
    {
        var c = ConfigList.Parse(Encoding.UTF8.GetBytes("annex.uuid=5ba6c568-38d5-4209-8a28-98b16b9cf940\ncore.gcrypt-id=\n"));
        Assert.True(c.HasConfig);
        Assert.Equal("5ba6c568-38d5-4209-8a28-98b16b9cf940", c.Uuid.Value);
        Assert.Null(c.GcryptId);
    }

    [Fact]
    public void ReadsGcryptId() =>
        Assert.Equal("abc", ConfigList.Parse("annex.uuid=\r\ncore.gcrypt-id=abc\r\n"u8).GcryptId);

    [Fact]
    public void NoOutputIsNoConfig()
    {
        var c = ConfigList.Parse(""u8);
        Assert.False(c.HasConfig);
        Assert.True(c.Uuid.IsEmpty);
    }

    [Fact]
    public void ConfigWithoutUuid()
    {
        var c = ConfigList.Parse("core.gcrypt-id=\n"u8);
        Assert.True(c.HasConfig);
        Assert.True(c.Uuid.IsEmpty);
    }
}
