using System.Buffers;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Copies an object into a repository: into its .git/annex/tmp/KEYFILE (resuming a partial copy left
/// there), hashing the bytes as they are written so the content is verified in the same pass, then
/// fsync and rename into the object store. A copy that does not verify is removed, never stored.
/// File I/O is synchronous on purpose: async file reads on Unix hop through the thread pool per call,
/// which costs more than the copy itself for the many small files of a typical `get .`.
/// </summary>
public static class Transfer
{
    private const int BufferSize = 1 << 20;

    public static Task<bool> FetchAsync(Locations here, Key key, string sourceObject, CancellationToken ct,
        Action<long, long?>? progress = null)
    {
        Directory.CreateDirectory(here.TmpDir);
        var tmp = here.TmpObjectPath(key);
        using var hasher = Backends.ForKey(key)?.CreateHasher();
        CopyVerifying(sourceObject, tmp, hasher, progress, ct);
        bool ok = hasher?.Matches(key) ?? (key.Size == null || new FileInfo(tmp).Length == key.Size);
        if (!ok)
        {
            File.Delete(tmp);
            throw new UserErrorException("verification of content failed");
        }
        if (!new ObjectStore(here).MoveIn(key, tmp, durable: false)) File.Delete(tmp);
        return Task.FromResult(true);
    }

    /// <summary>Appends to <paramref name="tmp"/> what it lacks of <paramref name="source"/>, hashing all of it; fsyncs.</summary>
    private static void CopyVerifying(string source, string tmp, IContentHasher? hasher, Action<long, long?>? progress, CancellationToken ct)
    {
        using var src = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var dst = new FileStream(tmp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        var buf = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long resume = Math.Min(dst.Length, src.Length);
            if (resume > 0 && hasher != null)
            {
                // Hash the part already here so the whole object is verified, not just the new bytes.
                dst.Position = 0;
                for (long left = resume; left > 0;)
                {
                    int n = dst.Read(buf, 0, (int)Math.Min(buf.Length, left));
                    if (n == 0) break;
                    hasher.Append(buf.AsSpan(0, n));
                    left -= n;
                }
            }
            dst.SetLength(resume);
            dst.Position = resume;
            src.Position = resume;
            long total = src.Length, done = resume;
            int read;
            while ((read = src.Read(buf, 0, buf.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                hasher?.Append(buf.AsSpan(0, read));
                dst.Write(buf, 0, read);
                done += read;
                progress?.Invoke(done, total);
            }
            if (done == 0) progress?.Invoke(0, total);
        }
        finally { ArrayPool<byte>.Shared.Return(buf); }
        dst.Flush(true);
    }
}
