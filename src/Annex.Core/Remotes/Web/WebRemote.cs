using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Web;

/// <summary>
/// The built-in web special remote (Remote/Web.hs, doc/special_remotes/web.mdwn): always there, named "web", with
/// the fixed UUID 00000000-0000-0000-0000-000000000001. It has a key when the key's URL log lists a URL it can
/// download; it cannot store anything, and removing a key from it forgets the key's URLs.
/// </summary>
public sealed class WebRemote(AnnexRepo repo) : IRemote
{
    private readonly UrlAccess _access = new(repo.Config);
    private readonly UrlLogStore _urls = new(repo);

    public string Name => "web";
    public Uuid Uuid => UrlLogStore.WebUuid;
    public int Cost => (int)(repo.Config.GetLong("remote.web.annex-cost") ?? RemoteList.SshCost);
    public bool ReadOnly => true;
    public string Location => "";

    public async Task<bool> HasKeyAsync(Key key, CancellationToken ct)
    {
        foreach (var url in await _urls.WebUrlsAsync(key, ct))
        {
            var info = await _access.InfoAsync(url, ct);
            if (info.Exists && (key.Size == null || info.Size == null || info.Size == key.Size)) return true;
        }
        return false;
    }

    /// <summary>Tries each recorded URL in turn; the error names every URL that failed and why, as the reference does.</summary>
    public async Task<bool> RetrieveAsync(Key key, string? associatedFile, long offset, Stream destination,
        Action<long, long?>? progress, CancellationToken ct)
    {
        var urls = await _urls.WebUrlsAsync(key, ct);
        if (urls.Count == 0) throw new UserErrorException("no known url");
        var failures = new List<string>();
        foreach (var url in urls)
        {
            long start = destination.CanSeek ? destination.Position : -1;
            try
            {
                await _access.CopyToAsync(url, offset, destination, progress == null ? null : n => progress(offset + n, key.Size), ct);
                return true;
            }
            catch (UserErrorException e)
            {
                failures.Add(url + " " + e.Message);
                if (start >= 0) { destination.Position = start; destination.SetLength(start); }
            }
        }
        failures.Add($"downloading from all {urls.Count} known url(s) failed");
        throw new UserErrorException(string.Join("\n", failures));
    }

    /// <summary>
    /// After a VURL key's content came from the web (Remote/Web.hs postdl): its hash key is recorded as equivalent,
    /// unless the key has a size and one is already recorded (the web content is then expected to be stable).
    /// </summary>
    public async Task AfterDownloadAsync(Key key, string objectPath, Action<string> sideAction, CancellationToken ct)
    {
        if (key.Backend != "VURL") return;
        var store = new EquivalentKeyStore(repo);
        var known = await store.KeysAsync(key, ct);
        if (key.Size != null && known.Count > 0) return;
        var name = repo.Config.Get("annex.backend");
        var backend = name != null && Backends.ByName(name) is { IsCryptographicallySecure: true, CanGenerateKey: true } b ? b : Backends.Default;
        sideAction("checksum...");
        var ek = backend.GenerateKey(objectPath, new KeyGenOptions(AssociatedFile: ""), cancellationToken: ct);
        if (!known.Contains(ek)) await store.AddAsync(key, ek, ct);
    }

    public Task SendAsync(AnnexRepo local, Key key, string localObject, string? associatedFile,
        Action<long, long?>? progress, CancellationToken ct) =>
        throw new UserErrorException("upload to web not supported");

    /// <summary>Dropping from the web forgets every web URL of the key (Remote/Web.hs dropKey).</summary>
    public async Task RemoveAsync(AnnexRepo local, Key key, DropProof proof, CancellationToken ct)
    {
        foreach (var url in await _urls.WebUrlsAsync(key, ct)) await _urls.SetMissingAsync(key, url, ct);
        await new LocationLogStore(local).SetAsync(key, Uuid, present: false, ct);
    }

    /// <summary>For drop proofs: a URL that cannot be checked (a scheme not allowed, a server down) throws, so the
    /// proof reports the web as a remote it could not access, as the reference does.</summary>
    public Task<bool> CheckPresentForProofAsync(Key key, CancellationToken ct) => HasKeyAsync(key, ct);

    public Task<CopyLock?> TryLockContentAsync(Key key, CancellationToken ct) => Task.FromResult<CopyLock?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
