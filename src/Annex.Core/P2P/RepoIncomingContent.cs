using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.P2P.Protocol;

namespace Annex.Core.P2P;

/// <summary>
/// An upload into .git/annex/tmp/KEYFILE. A partial file from an earlier attempt is resumed: its bytes are
/// hashed again before new ones are appended, so the whole object is verified, not just the tail. Only a
/// verified, fsynced file is moved into the store and recorded in the location log.
/// </summary>
internal sealed class RepoIncomingContent : IncomingContent
{
    private readonly AnnexRepo _repo;
    private readonly Key _key;
    private readonly Action _changed;
    private readonly string _tmp;
    private FileStream? _file;
    private IContentHasher? _hasher;

    public RepoIncomingContent(AnnexRepo repo, Key key, Action changed)
    {
        _repo = repo;
        _key = key;
        _changed = changed;
        Directory.CreateDirectory(repo.Locations.TmpDir);
        _tmp = repo.Locations.TmpObjectPath(key);
        var existing = File.Exists(_tmp) ? new FileInfo(_tmp).Length : 0;
        // A temp file longer than the key cannot be a prefix of it: start over.
        if (key.Size is { } size && existing > size) { File.Delete(_tmp); existing = 0; }
        Offset = existing;
    }

    public override long Offset { get; }

    public override Stream OpenDestination()
    {
        if (_file != null) return _file;
        _hasher = Backends.ForKey(_key)?.CreateHasher();
        _file = new FileStream(_tmp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        var buf = new byte[1 << 16];
        for (long left = Offset; left > 0;)
        {
            int n = _file.Read(buf, 0, (int)Math.Min(buf.Length, left));
            if (n == 0) break;
            _hasher?.Append(buf.AsSpan(0, n));
            left -= n;
        }
        _file.SetLength(Offset);
        _file.Position = Offset;
        return _hasher == null ? _file : new HashingWriteStream(_file, _hasher);
    }

    public override async ValueTask<bool> CommitAsync(bool forceVerify, CancellationToken ct)
    {
        OpenDestination();
        var length = _file!.Length;
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync();
        // Without a hash to check (WORM, URL keys) only the size can be checked, and that is not enough
        // when the sender told us the data is bad.
        var ok = _hasher?.Matches(_key) ?? (!forceVerify && (_key.Size == null || _key.Size == length));
        _hasher?.Dispose();
        _hasher = null;
        if (!ok) { File.Delete(_tmp); return false; }
        if (!new ObjectStore(_repo.Locations).MoveIn(_key, _tmp, durable: true)) File.Delete(_tmp);
        await new LocationLogStore(_repo).SetAsync(_key, _repo.Uuid, present: true, ct);
        if (!_repo.Git.IsBare) await LocalContent.PopulateAsync(_repo, _key, null, ct);
        _changed();
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        // Whatever arrived stays for the next attempt to resume from.
        if (_file != null) await _file.DisposeAsync();
        _hasher?.Dispose();
    }

    private sealed class HashingWriteStream(FileStream inner, IContentHasher hasher) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hasher.Append(buffer);
            inner.Write(buffer);
        }

        // Synchronous on purpose, as Transfer does: async file writes on Unix cost more than the copy.
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
