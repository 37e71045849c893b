using System.Diagnostics;
using Annex.Core.P2P.Transport;

namespace Annex.Tests.P2P.Transport;

public class ProcessStdioTransportTests
{
    [Fact]
    public async Task BytesGoThroughTheChild()
    {
        await using var t = ProcessStdioTransport.Start("cat", []);
        await t.Output.WriteAsync("AUTH-SUCCESS x\n"u8.ToArray());
        await t.Output.FlushAsync();
        var buf = new byte[15];
        await t.Input.ReadExactlyAsync(buf);
        Assert.Equal("AUTH-SUCCESS x\n", System.Text.Encoding.UTF8.GetString(buf));
        Assert.Equal(0, await t.CloseAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CloseKillsAChildThatIgnoresEof()
    {
        await using var t = ProcessStdioTransport.Start("sh", ["-c", "exec sleep 100"]);
        var sw = Stopwatch.StartNew();
        await t.CloseAsync(TimeSpan.FromMilliseconds(200));
        Assert.True(t.HasExited);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CancellationKills()
    {
        using var cts = new CancellationTokenSource();
        await using var t = ProcessStdioTransport.Start("sh", ["-c", "exec sleep 100"], ct: cts.Token);
        cts.Cancel();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await t.WaitForExitAsync(limit.Token);
        Assert.True(t.HasExited);
    }

    [Fact]
    public async Task MissingProgramIsAUserError() =>
        await Assert.ThrowsAsync<global::Annex.Core.Utility.UserErrorException>(async () =>
        {
            await using var t = ProcessStdioTransport.Start("/nonexistent/ssh", []);
        });
}
