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

    /// <summary>exporttree=yes: the remote holds a tree's files under their paths, not objects by key.</summary>
    public bool IsExport => Config.TryGetValue("exporttree", out var v) && v == "yes";
    public bool IsImport => Config.TryGetValue("importtree", out var v) && v == "yes";

    /// <summary>Where an export remote's files are; only the directory type can export here.</summary>
    public DirectoryRemote.DirectoryExport ExportTarget() => Type.Name == "directory"
        ? new DirectoryRemote.DirectoryExport(Location, Config.TryGetValue("ignoreinodes", out var ii) && ii == "yes")
        : throw new UserErrorException($"not implemented: exporttree=yes for special remotes of type {Type.Name}");

    /// <summary>An exported file holding the key, by the export database (and unchanged, with importtree=yes).</summary>
    private string? ExportedPath(Key key)
    {
        var target = ExportTarget();
        using var db = Database.ExportDb.Open(_repo.Locations, Uuid);
        return db.ExportedLocations(key).Select(target.PathOf).FirstOrDefault(File.Exists);
    }

    public Task<bool> HasKeyAsync(Key key, CancellationToken ct)
    {
        RefuseUnusable();
        if (IsExport) return Task.FromResult(ExportedPath(key) != null);
        return _storage.HasAsync(key, ct);
    }

    public async Task<bool> RetrieveAsync(Key key, string? associatedFile, long offset, Stream destination,
        Action<long, long?>? progress, CancellationToken ct)
    {
        RefuseUnusable();
        if (IsExport)
        {
            // retrieveExportM: by path; the caller verifies the bytes against the key, as upstream always does here.
            var src = ExportedPath(key) ?? throw new UserErrorException("content file not present in remote");
            long length = new FileInfo(src).Length;
            var slice = new ContentSlice(src, Math.Min(offset, length), length - Math.Min(offset, length));
            slice.CopyTo(destination, progress == null ? null : n => progress(offset + n, key.Size), ct);
            return true;
        }
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
        if (IsExport) throw new UserErrorException("remote is configured with exporttree=yes; use `git-annex export` to store content on it");
        await _storage.StoreAsync(key, localObject, progress == null ? null : n => progress(n, key.Size), ct);
        await new LocationLogStore(local).SetAsync(key, Uuid, present: true, ct);
    }

    public async Task RemoveAsync(AnnexRepo local, Key key, DropProof proof, CancellationToken ct)
    {
        RemoteVerification.RefuseWritesWhileAutoEnabledUnverified(local);
        RefuseUnusable();
        if (ReadOnly) throw new UserErrorException($"{Name} is a read-only remote (remote.{Name}.annex-readonly)");
        if (IsExport) throw new UserErrorException("dropping content from an export is not supported; use `git annex export` to export a tree that lacks the files you want to remove");
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
