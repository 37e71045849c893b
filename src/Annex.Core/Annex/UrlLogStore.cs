using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// Per-key URL logs <c>KEY.log.web</c> (Logs/Web.hs): the URLs a key's content can be downloaded from. A URL a
/// special remote claims is logged with a leading ':' (OtherDownloader), a youtube-dl one with "yt:"; plain ones
/// belong to the web remote, whose presence in the location log follows them.
/// </summary>
public sealed class UrlLogStore(AnnexRepo repo)
{
    /// <summary>The web remote's fixed UUID (Annex/UUID.hs webUUID).</summary>
    public static readonly Uuid WebUuid = Uuid.Parse("00000000-0000-0000-0000-000000000001");

    public async Task<IReadOnlyList<string>> UrlsAsync(Key key, CancellationToken ct = default) =>
        PresenceLog.Parse(await repo.Branch.ReadAsync(Locations.KeyLogPath(key.WithoutChunk(), ".web"), ct) ?? []).Present();

    /// <summary>The URLs the web remote downloads from: those without a downloader prefix.</summary>
    public async Task<IReadOnlyList<string>> WebUrlsAsync(Key key, CancellationToken ct = default) =>
        [.. (await UrlsAsync(key, ct)).Where(IsWebUrl)];

    /// <summary>setUrlPresent: a new URL is appended to the log (addLog), and a web URL makes the web have the key.</summary>
    public async Task SetPresentAsync(Key key, string url, CancellationToken ct = default)
    {
        var path = Locations.KeyLogPath(key.WithoutChunk(), ".web");
        var log = PresenceLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        if (!log.Present().Contains(url))
            await repo.Branch.WriteAsync(path, log.Add(PresenceStatus.Present, url, LogClock.Candidate(), out _).Format(), ct);
        if (IsWebUrl(url)) await new LocationLogStore(repo).SetAsync(key, WebUuid, present: true, ct);
    }

    /// <summary>setUrlMissing: only a registered URL is marked missing; the web loses the key with its last web URL.</summary>
    public async Task SetMissingAsync(Key key, string url, CancellationToken ct = default)
    {
        var path = Locations.KeyLogPath(key.WithoutChunk(), ".web");
        var log = PresenceLog.Parse(await repo.Branch.ReadAsync(path, ct) ?? []);
        var urls = log.Present();
        if (!urls.Contains(url)) return;
        await repo.Branch.WriteAsync(path, log.Add(PresenceStatus.Missing, url, LogClock.Candidate(), out _).Format(), ct);
        if (IsWebUrl(url) && !urls.Any(u => u != url && IsWebUrl(u)))
            await new LocationLogStore(repo).SetAsync(key, WebUuid, present: false, ct);
    }

    /// <summary>getDownloader: "yt:", "quvi:" and ":" prefixes name other downloaders.</summary>
    public static bool IsWebUrl(string url)
    {
        int colon = url.IndexOf(':');
        if (colon < 0) return true;
        var scheme = url[..colon];
        return scheme is not ("" or "yt" or "quvi");
    }
}
