using Annex.Core.Keys;

namespace Annex.Core.Remotes.Special;

/// <summary>
/// What one special remote type does with one stored object, a whole key or a chunk key
/// (Types/StoreRetrieve.hs: Storer, Retriever, Remover, CheckPresent). Chunking, logs and drop safety are
/// the business of <see cref="SpecialRemote"/>; a store only moves bytes.
/// </summary>
public interface IKeyStore
{
    /// <summary>Whether the object is there. Throws <see cref="Utility.UserErrorException"/> when the remote cannot be reached,
    /// so an unreachable remote is never taken for one that lacks the object.</summary>
    Task<bool> HasAsync(Key key, CancellationToken ct);

    /// <summary>Stores the slice as the object; a partly stored object must never be seen as present.</summary>
    Task StoreAsync(Key key, ContentSlice content, Action<long>? progress, CancellationToken ct);

    /// <summary>Writes the object's bytes from <paramref name="offset"/> to its end into <paramref name="destination"/>.
    /// Throws, having written nothing, when the object is not there.</summary>
    Task RetrieveAsync(Key key, long offset, Stream destination, Action<long>? progress, CancellationToken ct);

    /// <summary>Removes the object; succeeds when it is already gone from a reachable remote.</summary>
    Task RemoveAsync(Key key, CancellationToken ct);
}

/// <summary>Bytes [Offset, Offset+Length) of a local file: the whole object, or one chunk of it.</summary>
public sealed record ContentSlice(string File, long Offset, long Length)
{
    public static ContentSlice Whole(string file) => new(file, 0, new FileInfo(file).Length);

    public bool IsWholeFile => Offset == 0 && Length == new FileInfo(File).Length;

    /// <summary>Copies the slice into <paramref name="destination"/>, reporting bytes done.</summary>
    public void CopyTo(Stream destination, Action<long>? progress, CancellationToken ct)
    {
        using var src = new FileStream(File, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        src.Position = Offset;
        var buf = new byte[Math.Min(Length, 1 << 20) is var n && n > 0 ? n : 1];
        long left = Length, done = 0;
        while (left > 0)
        {
            ct.ThrowIfCancellationRequested();
            int read = src.Read(buf, 0, (int)Math.Min(buf.Length, left));
            if (read == 0) throw new IOException($"{File} is shorter than expected");
            destination.Write(buf, 0, read);
            left -= read;
            done += read;
            progress?.Invoke(done);
        }
    }

    /// <summary>
    /// A file holding exactly the slice, for stores that hand a path to another program: the file itself when
    /// the slice is all of it, else a copy under <paramref name="tmpDir"/> that the returned handle deletes.
    /// </summary>
    public SliceFile Materialize(string tmpDir, CancellationToken ct)
    {
        if (IsWholeFile) return new SliceFile(File, owned: false);
        Directory.CreateDirectory(tmpDir);
        var path = Path.Combine(tmpDir, "chunk-" + Guid.NewGuid().ToString("N"));
        using (var dst = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            CopyTo(dst, null, ct);
        return new SliceFile(path, owned: true);
    }
}

/// <summary>A path to a slice's bytes; deletes the file on dispose when it is a temporary copy.</summary>
public sealed class SliceFile(string path, bool owned) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (owned) System.IO.File.Delete(Path);
    }
}
