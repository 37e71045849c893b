using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes.Helpers;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Special;

/// <summary>
/// A special remote (doc/special_remotes.mdwn): a place that stores objects but is no git repository, so this
/// repository keeps its location log and chunk log for it. Its content cannot be locked; a drop relying on it
/// checks that it is present instead (a weaker proof that counts towards numcopies but not mincopies).
/// </summary>
public sealed class SpecialRemote : IRemote
{
    private readonly AnnexRepo _repo;
    private readonly ChunkedStorage _storage;

    public string Name { get; }
    public Uuid Uuid { get; }
    public int Cost { get; }
    public bool ReadOnly { get; }
    public SpecialRemoteType Type { get; }
    public IReadOnlyDictionary<string, string> Config { get; }
    public ChunkConfig Chunking { get; }
    public string Location { get; }

    /// <summary>Enabled from someone else's configuration and not confirmed by verifyremote: every use is refused.</summary>
    public bool Unverified { get; init; }

    internal SpecialRemote(AnnexRepo repo, string name, Uuid uuid, SpecialRemoteType type,
        IReadOnlyDictionary<string, string> config, IKeyStore store, string location)
    {
        _repo = repo;
        Name = name;
        Uuid = uuid;
        Type = type;
        Config = config;
        Location = location;
        Cost = (int)(repo.Config.GetLong($"remote.{name}.annex-cost")
            ?? (config.TryGetValue("cost", out var c) && int.TryParse(c, out var n) ? n : type.DefaultCost));
        ReadOnly = repo.Config.GetBool($"remote.{name}.annex-readonly", false);
        Chunking = ChunkConfigOrBad(config);
        _storage = new ChunkedStorage(repo, uuid, Chunking, store);
    }

    // A bad chunk= value is the remote's configuration problem, reported when the remote is used, as the
    // reference does ("bad configuration chunk=x"); listing remotes must still work.
    private static ChunkConfig ChunkConfigOrBad(IReadOnlyDictionary<string, string> config)
    {
        try { return ChunkConfig.From(config); }
        catch (UserErrorException e) { return new BadChunkConfig(e.Message); }
    }

    private sealed record BadChunkConfig(string Message) : ChunkConfig(null, null);

    private void RefuseUnusable()
    {
        if (Unverified) throw new UserErrorException(RemoteVerification.Refusal(Name));
        if (Chunking is BadChunkConfig bad) throw new UserErrorException(bad.Message);
    }

    public Task<bool> HasKeyAsync(Key key, CancellationToken ct)
    {
        RefuseUnusable();
        return _storage.HasAsync(key, ct);
    }

    public async Task<bool> RetrieveAsync(Key key, string? associatedFile, long offset, Stream destination,
        Action<long, long?>? progress, CancellationToken ct)
    {
        RefuseUnusable();
        await _storage.RetrieveAsync(key, offset, destination, progress == null ? null : n => progress(offset + n, key.Size), ct);
        // A special remote cannot say whether the bytes changed while sent; the caller verifies them.
        return true;
    }

    public async Task SendAsync(AnnexRepo local, Key key, string localObject, string? associatedFile,
        Action<long, long?>? progress, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseUnusable();
        if (ReadOnly) throw new UserErrorException($"{Name} is a read-only remote (remote.{Name}.annex-readonly)");
        await _storage.StoreAsync(key, localObject, progress == null ? null : n => progress(n, key.Size), ct);
        await new LocationLogStore(local).SetAsync(key, Uuid, present: true, ct);
    }

    public async Task RemoveAsync(AnnexRepo local, Key key, DropProof proof, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseUnusable();
        if (ReadOnly) throw new UserErrorException($"{Name} is a read-only remote (remote.{Name}.annex-readonly)");
        await _storage.RemoveAsync(key, ct);
        await new LocationLogStore(local).SetAsync(key, Uuid, present: false, ct);
    }

    public Task<CopyLock?> TryLockContentAsync(Key key, CancellationToken ct) => Task.FromResult<CopyLock?>(null);

    /// <summary>For drop proofs: an unverified remote's copy is not checked (the check would use it), so it does not count.</summary>
    public async Task<bool> CheckPresentForProofAsync(Key key, CancellationToken ct) => !Unverified && await HasKeyAsync(key, ct);

    /// <summary>The `info REMOTE` lines this remote adds after the common ones.</summary>
    public IEnumerable<(string Field, string Value)> Info()
    {
        foreach (var line in Type.Info(_repo, Name, Config)) yield return line;
        yield return ("encryption", Config.TryGetValue("encryption", out var e) ? e : "none");
        yield return ("chunking", Chunking is BadChunkConfig ? "" : Chunking.Describe());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
