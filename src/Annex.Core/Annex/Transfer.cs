using System.Buffers;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Brings an object into a repository: into its .git/annex/tmp/KEYFILE (resuming a partial copy left
/// there), hashing the bytes as they are written so the content is verified in the same pass, then
/// fsync and rename into the object store. A copy that does not verify is removed, never stored.
/// File I/O is synchronous on purpose: async file reads on Unix hop through the thread pool per call,
/// which costs more than the copy itself for the many small files of a typical `get .`.
/// </summary>
public static class Transfer
{
    private const int BufferSize = 1 << 20;

    /// <summary>Fills the object from a file (another repository's object on this machine).</summary>
    public static Task FetchAsync(Locations here, Key key, string sourceObject, CancellationToken ct,
        Action<long, long?>? progress = null) =>
        ReceiveAsync(here, key, (offset, dst) => Task.FromResult(CopyFrom(sourceObject, offset, dst, progress, ct)), ct);

    /// <summary>
    /// Fills the object by asking <paramref name="retrieve"/> for the bytes from an offset (what the temp file
    /// already holds) into a stream that hashes as it writes; stores the object only if it verifies.
    /// </summary>
    public static async Task ReceiveAsync(Locations here, Key key, Func<long, Stream, Task<bool>> retrieve, CancellationToken ct)
    {
        Directory.CreateDirectory(here.TmpDir);
        var tmp = here.TmpObjectPath(key);
        using var hasher = Backends.ForKey(key)?.CreateHasher();
        bool senderValid;
        using (var dst = new FileStream(tmp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1))
        {
            long resume = dst.Length;
            if (key.Size is { } size && resume > size) resume = 0; // not a prefix of this key: start again
            HashPrefix(dst, resume, hasher);
            dst.SetLength(resume);
            dst.Position = resume;
            using var sink = new HashingWriteStream(dst, hasher);
            senderValid = await retrieve(resume, sink);
            ct.ThrowIfCancellationRequested();
            dst.Flush(true);
        }
        bool ok = hasher?.Matches(key) ?? (senderValid && (key.Size == null || new FileInfo(tmp).Length == key.Size));
        if (!ok)
        {
            File.Delete(tmp);
            throw new UserErrorException("verification of content failed");
        }
        if (!new ObjectStore(here).MoveIn(key, tmp, durable: false)) File.Delete(tmp);
    }

    /// <summary>Hashes the part of a partial copy already here, so the whole object is verified, not just the new bytes.</summary>
    private static void HashPrefix(FileStream dst, long length, IContentHasher? hasher)
    {
        if (length == 0 || hasher == null) return;
        var buf = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            dst.Position = 0;
            for (long left = length; left > 0;)
            {
                int n = dst.Read(buf, 0, (int)Math.Min(buf.Length, left));
                if (n == 0) break;
                hasher.Append(buf.AsSpan(0, n));
                left -= n;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buf); }
    }

    /// <summary>Copies a file from <paramref name="offset"/> to its end into <paramref name="dst"/>; true (a file does not lie).</summary>
    public static bool CopyFrom(string source, long offset, Stream dst, Action<long, long?>? progress, CancellationToken ct)
    {
        using var src = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buf = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = src.Length, done = Math.Min(offset, total);
            src.Position = done;
            int read;
            while ((read = src.Read(buf, 0, buf.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                dst.Write(buf, 0, read);
                done += read;
                progress?.Invoke(done, total);
            }
            if (total == 0) progress?.Invoke(0, total);
            return true;
        }
        finally { ArrayPool<byte>.Shared.Return(buf); }
    }
}
