using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Copies an object into this repository: into .git/annex/tmp/KEYFILE (resuming a partial copy left
/// there), hashing the bytes as they are written so the content is verified in the same pass, then
/// fsync and rename into the object store. A copy that does not verify is removed, never stored.
/// </summary>
public static class Transfer
{
    public static async Task<bool> FetchAsync(Locations here, Key key, string sourceObject, CancellationToken ct,
        Action<long, long?>? progress = null)
    {
        Directory.CreateDirectory(here.TmpDir);
        var tmp = here.TmpObjectPath(key);
        var backend = Backends.ForKey(key);
        using var hasher = backend?.CreateHasher();
        await using (var src = new FileStream(sourceObject, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        await using (var dst = new FileStream(tmp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1))
        {
            long resume = Math.Min(dst.Length, src.Length);
            var buf = new byte[1 << 20];
            if (resume > 0 && hasher != null)
            {
                // Hash the part already here so the whole object is verified, not just the new bytes.
                dst.Position = 0;
                long left = resume;
                while (left > 0)
                {
                    int n = await dst.ReadAsync(buf.AsMemory(0, (int)Math.Min(buf.Length, left)), ct);
                    if (n == 0) break;
                    hasher.Append(buf.AsSpan(0, n));
                    left -= n;
                }
            }
            dst.SetLength(resume);
            dst.Position = resume;
            src.Position = resume;
            int read;
            long total = src.Length, done = resume;
            while ((read = await src.ReadAsync(buf, ct)) > 0)
            {
                hasher?.Append(buf.AsSpan(0, read));
                await dst.WriteAsync(buf.AsMemory(0, read), ct);
                done += read;
                progress?.Invoke(done, total);
            }
            if (done == 0) progress?.Invoke(0, total);
            dst.Flush(true);
        }
        bool ok = hasher?.Matches(key) ?? (key.Size == null || new FileInfo(tmp).Length == key.Size);
        if (!ok)
        {
            File.Delete(tmp);
            throw new UserErrorException("verification of content failed");
        }
        if (!new ObjectStore(here).MoveIn(key, tmp, durable: false)) File.Delete(tmp);
        return true;
    }
}
