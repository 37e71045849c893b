using System.Security.Cryptography;
using System.Text;
using Annex.Core.Keys;
using Annex.Core.P2P.Protocol;

namespace Annex.Fuzz;

/// <summary>
/// A fast in-memory IP2PServerStore for the fuzzer, holding "hello" (and whatever is uploaded) and
/// checking the server keeps the store's contract: no writes or removals a mode forbids, never more
/// upload bytes than the key can hold, every lock and upload released by the end of the session.
/// </summary>
public sealed class FakeStore : IP2PServerStore
{
    public const long Now = 1_000;
    public static readonly byte[] Hello = "hello"u8.ToArray();
    public static readonly Key HelloKey = KeyFor(Hello, ".txt");

    private readonly ServerMode _mode;
    private readonly Dictionary<Key, byte[]> _content = new() { [HelloKey] = Hello };
    private readonly Dictionary<Key, byte[]> _partial = new() { [KeyFor("partial!"u8.ToArray(), "")] = "part"u8.ToArray() };
    private int _openLocks, _openUploads;

    public FakeStore(ServerMode mode) => _mode = mode;

    public static Key KeyFor(byte[] data, string ext) =>
        Key.Parse($"SHA256E-s{data.Length}--{Convert.ToHexStringLower(SHA256.HashData(data))}{ext}");

    public bool HasKey(Key key) => _content.ContainsKey(key);

    public ValueTask<IContentLock?> TryLockContentAsync(Key key, CancellationToken ct)
    {
        if (!_content.ContainsKey(key)) return ValueTask.FromResult<IContentLock?>(null);
        _openLocks++;
        return ValueTask.FromResult<IContentLock?>(new FakeLock(this));
    }

    public ValueTask<bool> RemoveAsync(Key key, long? deadline, CancellationToken ct)
    {
        if (_mode != ServerMode.ReadWrite) throw new FuzzCheckFailed($"REMOVE reached the store in {_mode} mode");
        if (_openLocks > 0) throw new FuzzCheckFailed("REMOVE while a LOCKCONTENT lock is held");
        if (deadline is { } d && d <= Now) return ValueTask.FromResult(false);
        _content.Remove(key);
        return ValueTask.FromResult(true);
    }

    public ContentSource? OpenForSend(Key key, long offset)
    {
        if (offset < 0) throw new FuzzCheckFailed("negative GET offset reached the store");
        if (!_content.TryGetValue(key, out var data)) return null;
        var ms = new MemoryStream(data, writable: false) { Position = Math.Min(offset, data.Length) };
        return new ContentSource(ms, data.Length - ms.Position, () => true);
    }

    public IncomingContent BeginReceive(Key key)
    {
        if (_mode == ServerMode.ReadOnly) throw new FuzzCheckFailed("PUT reached the store in read-only mode");
        if (_openUploads > 0) throw new FuzzCheckFailed("two uploads at once");
        _openUploads++;
        return new FakeIncoming(this, key, _partial.GetValueOrDefault(key) ?? []);
    }

    public long MonotonicSeconds() => Now;

    public void CheckAfterSession()
    {
        if (_openLocks != 0) throw new FuzzCheckFailed("a content lock outlived the session");
        if (_openUploads != 0) throw new FuzzCheckFailed("an upload outlived the session");
        foreach (var (key, data) in _content)
            if (Verifies(key, data) == false || (key.Size is { } s && s != data.Length))
                throw new FuzzCheckFailed($"stored content does not match {key}");
    }

    /// <summary>Null when the key's backend cannot verify (WORM, URL).</summary>
    private static bool? Verifies(Key key, byte[] data)
    {
        using var h = Backends.ForKey(key)?.CreateHasher();
        if (h == null) return null;
        h.Append(data);
        return h.Matches(key);
    }

    private sealed class FakeLock(FakeStore store) : IContentLock
    {
        private bool _released;

        public ValueTask DisposeAsync() { Release(); return ValueTask.CompletedTask; }

        public void ReleaseKeepingRetention() => Release();

        private void Release()
        {
            if (_released) return;
            _released = true;
            store._openLocks--;
        }
    }

    private sealed class FakeIncoming(FakeStore store, Key key, byte[] partial) : IncomingContent
    {
        private MemoryStream? _dest;
        private bool _disposed;

        public override long Offset => partial.Length;

        public override Stream OpenDestination()
        {
            if (_dest != null) return _dest;
            _dest = new MemoryStream();
            _dest.Write(partial);
            return _dest;
        }

        public override ValueTask<bool> CommitAsync(bool forceVerify, CancellationToken ct)
        {
            var data = OpenDestination() is MemoryStream m ? m.ToArray() : [];
            if (key.Size is { } size && data.Length > size)
                throw new FuzzCheckFailed($"{data.Length} bytes written for a key of {size}");
            var ok = Verifies(key, data) ?? (!forceVerify && (key.Size == null || key.Size == data.Length));
            if (ok) store._content[key] = data;
            return ValueTask.FromResult(ok);
        }

        public override ValueTask DisposeAsync()
        {
            if (_disposed) throw new FuzzCheckFailed("upload disposed twice");
            _disposed = true;
            store._openUploads--;
            if (_dest is { } d && key.Size is { } size && d.Length > size)
                throw new FuzzCheckFailed($"{d.Length} bytes received for a key of {size}");
            return ValueTask.CompletedTask;
        }
    }
}
