using System.Text;
using Annex.Core.Git;

namespace Annex.Tests.Git;

public class PktLineTests
{
    [Fact]
    public async Task WritesLiteralWireBytes()
    {
        var output = new MemoryStream();
        var pkt = new PktLine(new MemoryStream(), output);
        await pkt.WriteTextAsync("git-filter-server");
        await pkt.FlushPacketAsync();
        Assert.Equal("0016git-filter-server\n0000", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public async Task ReadsTextListUpToFlush()
    {
        var input = new MemoryStream("0016git-filter-client\n000eversion=2\n0000"u8.ToArray());
        var pkt = new PktLine(input, new MemoryStream());
        Assert.Equal(["git-filter-client", "version=2"], await pkt.ReadTextListAsync());
    }

    [Fact]
    public async Task ContentSplitsIntoMaximalPacketsAndRoundTrips()
    {
        var data = new byte[PktLine.MaxData * 2 + 7];
        new Random(1).NextBytes(data);
        var wire = new MemoryStream();
        var writer = new PktLine(new MemoryStream(), wire);
        await writer.WriteContentAsync(new MemoryStream(data));
        await writer.FlushPacketAsync();
        wire.Position = 0;
        var back = new MemoryStream();
        await new PktLine(wire, new MemoryStream()).ReadContentAsync(back);
        Assert.Equal(data, back.ToArray());
    }

    [Theory]
    [InlineData("0003")]
    [InlineData("zzzz")]
    [InlineData("fff5")]
    public async Task BadLengthsAreRejected(string header)
    {
        var pkt = new PktLine(new MemoryStream(Encoding.ASCII.GetBytes(header + new string('x', 10))), new MemoryStream());
        await Assert.ThrowsAnyAsync<Exception>(async () => await pkt.ReadAsync());
    }

    [Fact]
    public async Task TruncatedPacketIsAnError()
    {
        var pkt = new PktLine(new MemoryStream("000ahel"u8.ToArray()), new MemoryStream());
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await pkt.ReadAsync());
    }
}
