using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Web;

/// <summary>What a URL says about itself before it is downloaded (Utility/Url.hs UrlInfo).</summary>
public sealed record UrlInfo(bool Exists, long? Size, string? SuggestedFile);

/// <summary>
/// Reading URLs as the web remote does (Annex/Url.hs, Utility/Url.hs), under the two security settings of
/// doc/git-annex.mdwn: annex.security.allowed-url-schemes (default "http https ftp") and
/// annex.security.allowed-ip-addresses (by default only public addresses; "all", or a list of addresses to allow).
/// file:// URLs are read directly; http(s) through HttpClient, whose connections are checked address by address
/// so a name resolving to a private address is refused as the reference refuses it. ftp is not implemented.
/// </summary>
public sealed class UrlAccess(GitConfig config)
{
    private readonly HashSet<string> _schemes = new(
        (config.Get("annex.security.allowed-url-schemes") ?? "http https ftp").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    private readonly string[] _allowedIps =
        (config.Get("annex.security.allowed-ip-addresses") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private HttpClient? _http;

    /// <summary>Parses and checks the scheme; throws the reference's refusal for a scheme not allowed.</summary>
    public Uri Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new UserErrorException($"bad url {url}");
        if (!_schemes.Contains(uri.Scheme))
            throw new UserErrorException($"Configuration of annex.security.allowed-url-schemes does not allow accessing {url}");
        return uri;
    }

    public async Task<UrlInfo> InfoAsync(string url, CancellationToken ct)
    {
        var uri = Check(url);
        if (uri.IsFile)
        {
            var fi = new FileInfo(uri.LocalPath);
            return fi.Exists ? new UrlInfo(true, fi.Length, null) : new UrlInfo(false, null, null);
        }
        RequireHttp(uri);
        using var req = new HttpRequestMessage(HttpMethod.Head, uri);
        using var resp = await HttpAsync(() => Http().SendAsync(req, HttpCompletionOption.ResponseHeadersRead, ct));
        if (!resp.IsSuccessStatusCode) return new UrlInfo(false, null, null);
        return new UrlInfo(true, resp.Content.Headers.ContentLength, SuggestedFile(resp.Content.Headers.ContentDisposition));
    }

    /// <summary>Downloads the URL into the file <paramref name="dest"/>; throws with the reason when it cannot.</summary>
    public async Task DownloadAsync(string url, string dest, Action<long>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        await using var dst = new FileStream(dest, FileMode.Create, FileAccess.Write);
        await CopyToAsync(url, 0, dst, progress, ct);
    }

    /// <summary>Writes the URL's content from <paramref name="offset"/> on into <paramref name="destination"/>.</summary>
    public async Task CopyToAsync(string url, long offset, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        var uri = Check(url);
        Stream src;
        HttpResponseMessage? resp = null;
        if (uri.IsFile)
        {
            try { src = new FileStream(uri.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // As the reference words it (its file reader's error).
                throw new UserErrorException($"download failed: {uri.LocalPath}: withBinaryFile: does not exist (No such file or directory)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"download failed: {e.Message}");
            }
            src.Position = offset;
        }
        else
        {
            RequireHttp(uri);
            resp = await HttpAsync(() => Http().GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct));
            if (!resp.IsSuccessStatusCode)
            {
                // The reference reports the server's reason phrase alone ("download failed: File not found").
                var reason = resp.ReasonPhrase is { Length: > 0 } r ? r : ((int)resp.StatusCode).ToString();
                resp.Dispose();
                throw new UserErrorException($"download failed: {reason}");
            }
            src = await resp.Content.ReadAsStreamAsync(ct);
        }
        try
        {
            var buf = new byte[1 << 16];
            long skip = uri.IsFile ? 0 : offset, done = 0;
            int n;
            while ((n = await src.ReadAsync(buf, ct)) > 0)
            {
                int from = (int)Math.Min(skip, n);
                skip -= from;
                if (n - from == 0) continue;
                await destination.WriteAsync(buf.AsMemory(from, n - from), ct);
                done += n - from;
                progress?.Invoke(done);
            }
        }
        finally
        {
            await src.DisposeAsync();
            resp?.Dispose();
        }
    }

    // A refusal from the connect callback arrives wrapped; the user sees the refusal itself.
    private static async Task<HttpResponseMessage> HttpAsync(Func<Task<HttpResponseMessage>> send)
    {
        try { return await send(); }
        catch (HttpRequestException e)
        {
            for (Exception? x = e; x != null; x = x.InnerException)
                if (x is UserErrorException u) throw u;
            throw new UserErrorException(e.Message);
        }
    }

    private static void RequireHttp(Uri uri)
    {
        if (uri.Scheme is not ("http" or "https"))
            throw new UserErrorException($"downloading {uri.Scheme} urls is not supported by this git-annex");
    }

    private static string? SuggestedFile(ContentDispositionHeaderValue? cd)
    {
        var name = cd?.FileNameStar ?? cd?.FileName;
        return string.IsNullOrEmpty(name) ? null : Path.GetFileName(name.Trim('"'));
    }

    private HttpClient Http() => _http ??= new HttpClient(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = true,
        ConnectCallback = ConnectAsync,
    });

    // Each address a name resolves to is checked before connecting, so redirects and DNS cannot reach a
    // private address the configuration does not allow (Utility/HttpManagerRestricted.hs).
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(AddressAllowed).ToList();
        if (allowed.Count == 0)
            throw new UserErrorException("Configuration of annex.security.allowed-ip-addresses does not allow accessing address "
                + (addresses.Length > 0 ? addresses[0].ToString() : host));
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public bool AddressAllowed(IPAddress a)
    {
        if (_allowedIps.Contains("all")) return true;
        if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
        if (_allowedIps.Any(s => IPAddress.TryParse(s.Trim('[', ']'), out var x) && x.Equals(a))) return true;
        return IsPublic(a);
    }

    /// <summary>Not loopback, private, link-local, unspecified or multicast (Utility/IPAddress.hs isPrivateAddress and friends).</summary>
    public static bool IsPublic(IPAddress a)
    {
        if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)) return false;
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
        }
        var v6 = a.GetAddressBytes();
        return !(a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast || (v6[0] & 0xfe) == 0xfc);
    }
}
