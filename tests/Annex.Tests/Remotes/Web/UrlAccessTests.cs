using System.Net;
using System.Net.Sockets;
using System.Text;
using Annex.Core.Git;
using Annex.Core.Remotes.Web;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Web;

/// <summary>
/// URL access under annex.security.allowed-url-schemes and allowed-ip-addresses, with the reference's refusals;
/// http is served by a tiny loopback server in the test.
/// </summary>
public class UrlAccessTests
{
    private static UrlAccess With(string config) => new(GitConfig.Parse(Encoding.UTF8.GetBytes(config)));

    [Fact]
    public async Task FileUrlsAreRefusedByDefault()
    {
        var e = await Assert.ThrowsAsync<UserErrorException>(() => With("").InfoAsync("file:///etc/hostname", default));
        Assert.Equal("Configuration of annex.security.allowed-url-schemes does not allow accessing file:///etc/hostname", e.Message);
    }

    [Fact]
    public async Task AllowedFileUrlsAreRead()
    {
        var src = Path.GetTempFileName();
        await File.WriteAllTextAsync(src, "hello");
        var access = With("annex.security.allowed-url-schemes\nfile\0");
        var info = await access.InfoAsync("file://" + src, default);
        Assert.Equal(new UrlInfo(true, 5, null), info);
        Assert.False((await access.InfoAsync("file://" + src + ".nosuch", default)).Exists);
        var dst = Path.GetTempFileName();
        await access.DownloadAsync("file://" + src, dst, null, default);
        Assert.Equal("hello", await File.ReadAllTextAsync(dst));
    }

    [Fact]
    public async Task LoopbackIsRefusedUnlessAllowed()
    {
        await using var server = await TinyServer.StartAsync("served\n");
        var e = await Assert.ThrowsAsync<UserErrorException>(() => With("").InfoAsync(server.Url, default));
        Assert.Equal("Configuration of annex.security.allowed-ip-addresses does not allow accessing address 127.0.0.1", e.Message);

        var access = With("annex.security.allowed-ip-addresses\n127.0.0.1\0");
        Assert.Equal(new UrlInfo(true, 7, null), await access.InfoAsync(server.Url, default));
        var dst = Path.GetTempFileName();
        await access.DownloadAsync(server.Url, dst, null, default);
        Assert.Equal("served\n", await File.ReadAllTextAsync(dst));
        Assert.False((await access.InfoAsync(server.Url + "missing", default)).Exists);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("169.254.1.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void OnlyPublicAddressesArePublic(string address, bool expected) =>
        Assert.Equal(expected, UrlAccess.IsPublic(IPAddress.Parse(address)));

    /// <summary>A one-file HTTP/1.1 server on loopback: GET and HEAD of "/" answer the body, anything else 404.</summary>
    private sealed class TinyServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task? _loop;
        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        public static Task<TinyServer> StartAsync(string body)
        {
            var s = new TinyServer();
            s._listener.Start();
            s._loop = s.ServeAsync(Encoding.UTF8.GetBytes(body));
            return Task.FromResult(s);
        }

        private async Task ServeAsync(byte[] body)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                using (client)
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    var request = await reader.ReadLineAsync() ?? "";
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
                    var parts = request.Split(' ');
                    bool found = parts.Length > 1 && parts[1] == "/";
                    var head = found
                        ? $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"
                        : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                    if (found && parts[0] == "GET") await stream.WriteAsync(body);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            if (_loop != null) await _loop;
        }
    }
}
