using Annex.Core.Keys;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Special;

/// <summary>A special remote's store in memory, recording what was asked of it.</summary>
public sealed class MemoryKeyStore : IKeyStore
{
    public Dictionary<Key, byte[]> Objects { get; } = [];
    public List<string> Calls { get; } = [];
    public bool Unreachable { get; set; }

    private void Reach()
    {
        if (Unreachable) throw new UserErrorException("remote unreachable");
    }

    public Task<bool> HasAsync(Key key, CancellationToken ct)
    {
        Reach();
        Calls.Add("has " + key);
        return Task.FromResult(Objects.ContainsKey(key));
    }

    public Task StoreAsync(Key key, ContentSlice content, Action<long>? progress, CancellationToken ct)
    {
        Reach();
        Calls.Add("store " + key);
        using var ms = new MemoryStream();
        content.CopyTo(ms, progress, ct);
        Objects[key] = ms.ToArray();
        return Task.CompletedTask;
    }

    public Task RetrieveAsync(Key key, long offset, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        Reach();
        Calls.Add("retrieve " + key);
        if (!Objects.TryGetValue(key, out var bytes)) throw new UserErrorException("not there");
        destination.Write(bytes, (int)offset, bytes.Length - (int)offset);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(Key key, CancellationToken ct)
    {
        Reach();
        Calls.Add("remove " + key);
        Objects.Remove(key);
        return Task.CompletedTask;
    }
}
