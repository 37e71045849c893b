using Annex.Core.Keys;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.DirectoryRemote;

/// <summary>
/// Objects in a directory as <c>&lt;dir&gt;/&lt;hashdirlower&gt;/&lt;keyfile&gt;/&lt;keyfile&gt;</c> (Remote/Directory.hs); older
/// remotes used the mixed-case hash directories, which are still read. An object is written under
/// <c>&lt;dir&gt;/tmp/&lt;keyfile&gt;/</c> and its directory renamed into place, so a reader never sees it half written.
/// </summary>
public sealed class DirectoryStore(string root) : IKeyStore
{
    public string Root { get; } = root;

    private IEnumerable<string> Candidates(Key key)
    {
        var kf = KeyFile.Escape(key);
        yield return Path.Combine(Root, HashDirs.Lower(key), kf, kf);
        yield return Path.Combine(Root, HashDirs.Mixed(key), kf, kf);
    }

    private string? Find(Key key) => Candidates(key).FirstOrDefault(File.Exists);

    private string StoreDir(Key key) => Path.Combine(Root, HashDirs.Lower(key), KeyFile.Escape(key));

    public Task<bool> HasAsync(Key key, CancellationToken ct)
    {
        if (Find(key) != null) return Task.FromResult(true);
        if (!Directory.Exists(Root)) throw new UserErrorException($"directory {Root} is not accessible");
        return Task.FromResult(false);
    }

    public Task StoreAsync(Key key, ContentSlice content, Action<long>? progress, CancellationToken ct)
    {
        if (!Directory.Exists(Root)) throw new UserErrorException($"directory {Root} is not accessible");
        var kf = KeyFile.Escape(key);
        var tmpDir = Path.Combine(Root, "tmp", kf);
        if (Directory.Exists(tmpDir)) RemoveTree(tmpDir);
        Directory.CreateDirectory(tmpDir);
        var tmpFile = Path.Combine(tmpDir, kf);
        using (var dst = new FileStream(tmpFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            content.CopyTo(dst, progress, ct);
            // The remote is another place the data must survive in: durable before it is named.
            dst.Flush(flushToDisk: true);
        }
        var dest = StoreDir(key);
        if (Directory.Exists(dest)) RemoveTree(dest);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        Directory.Move(tmpDir, dest);
        // Read-only, as the reference leaves them; some filesystems refuse, which is harmless.
        try
        {
            File.SetUnixFileMode(Path.Combine(dest, kf), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.SetUnixFileMode(dest, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    public Task RetrieveAsync(Key key, long offset, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        var src = Find(key) ?? throw new UserErrorException("content file not present in remote");
        long length = new FileInfo(src).Length;
        var slice = new ContentSlice(src, Math.Min(offset, length), length - Math.Min(offset, length));
        slice.CopyTo(destination, progress, ct);
        return Task.CompletedTask;
    }

    /// <summary>removeDirGeneric: removes the key's directory (write bits restored first) and then its empty
    /// parents. A missing directory is fine only while the remote's top directory is there, since an unmounted
    /// remote still holds what it held.</summary>
    public Task RemoveAsync(Key key, CancellationToken ct)
    {
        if (!Directory.Exists(Root)) throw new UserErrorException($"directory {Root} is not accessible");
        foreach (var hashDir in new[] { HashDirs.Lower(key), HashDirs.Mixed(key) })
        {
            var dir = Path.Combine(Root, hashDir, KeyFile.Escape(key));
            if (!Directory.Exists(dir)) continue;
            RemoveTree(dir);
            for (var parent = Path.GetDirectoryName(dir); parent != null && parent.Length > Root.TrimEnd('/').Length;
                 parent = Path.GetDirectoryName(parent))
            {
                try { Directory.Delete(parent); }
                catch (IOException) { break; }
            }
        }
        return Task.CompletedTask;
    }

    private static void RemoveTree(string dir)
    {
        try { File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.UserWrite); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        Directory.Delete(dir, recursive: true);
    }
}
