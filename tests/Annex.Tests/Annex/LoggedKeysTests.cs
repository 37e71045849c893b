using Annex.Core.Annex;
using Annex.Core.Keys;

namespace Annex.Tests.Annex;

public class LoggedKeysTests
{
    [Fact]
    public void LocationLogPathsNameTheirKey()
    {
        var key = Key.Parse("SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c");
        Assert.Equal(key, LoggedKeys.FromLocationLogPath(Locations.LocationLogPath(key)));
        var url = Key.Parse("URL--http://example.com/a");
        Assert.Equal(url, LoggedKeys.FromLocationLogPath(Locations.LocationLogPath(url)));
    }

    [Theory]
    [InlineData("uuid.log")]
    [InlineData("trust.log")]
    [InlineData("aaa/bbb/SHA1-s5--f013.log.met")]
    [InlineData("aaa/bbb/SHA1-s5--f013.log.web")]
    [InlineData("aaa/SHA1-s5--f013.log")]
    [InlineData("export/aaa/bbb/x.log")]
    public void OtherBranchFilesAreNotKeys(string path) => Assert.Null(LoggedKeys.FromLocationLogPath(path));
}
