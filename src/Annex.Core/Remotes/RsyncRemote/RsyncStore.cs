using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.RsyncRemote;

/// <summary>
/// Objects under an rsync URL in the directory remote's layout (Remote/Rsync.hs). Sending builds the hash
/// directories in a scratch tree and rsyncs it with --partial-dir, so an object appears whole or not at all;
/// removing rsyncs an empty tree with --delete, limited by --include to that key's directories.
/// </summary>
public sealed class RsyncStore(AnnexRepo repo, string url, RsyncOptions options) : IKeyStore
{
    private static readonly string[] Partial = ["--partial", "--partial-dir=.rsync-partial"];

    private IEnumerable<string> Urls(Key key)
    {
        var kf = KeyFile.Escape(key);
        foreach (var hash in new[] { HashDirs.Lower(key), HashDirs.Mixed(key) })
            yield return url.TrimEnd('/') + "/" + hash + kf + "/" + kf;
    }

    private string ScratchDir()
    {
        var dir = Path.Combine(repo.Locations.TmpDir, "rsynctmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task<bool> RsyncAsync(IEnumerable<string> args, CancellationToken ct) =>
        (await ProcessRunner.RunAsync("rsync", args, ct: ct)).Ok;

    public async Task<bool> HasAsync(Key key, CancellationToken ct)
    {
        // As the reference: rsync listing the file succeeds only when it is there (an unreachable remote
        // looks the same as a missing file).
        foreach (var u in Urls(key))
            if (await RsyncAsync([.. options.Common, u], ct)) return true;
        return false;
    }

    public async Task StoreAsync(Key key, ContentSlice content, Action<long>? progress, CancellationToken ct)
    {
        var scratch = ScratchDir();
        try
        {
            var kf = KeyFile.Escape(key);
            var dest = Path.Combine(scratch, HashDirs.Lower(key), kf, kf);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            if (!content.IsWholeFile || !Posix.TryHardLink(content.File, dest))
                using (var f = new FileStream(dest, FileMode.CreateNew, FileAccess.Write)) content.CopyTo(f, null, ct);
            if (!await RsyncAsync([.. options.Upload, "--progress", "--recursive", .. Partial, scratch + "/", url], ct))
                throw new UserErrorException("rsync failed -- run git annex again to resume file transfer");
            progress?.Invoke(content.Length);
        }
        finally { Directory.Delete(scratch, recursive: true); }
    }

    public async Task RetrieveAsync(Key key, long offset, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(repo.Locations.TmpDir);
        var tmp = Path.Combine(repo.Locations.TmpDir, "rsync-" + Guid.NewGuid().ToString("N"));
        try
        {
            bool got = false;
            foreach (var u in Urls(key))
                if (got = await RsyncAsync([.. options.Download, "--progress", "--inplace", u, tmp], ct)) break;
            if (!got) throw new UserErrorException("rsync failed");
            long length = new FileInfo(tmp).Length;
            new ContentSlice(tmp, Math.Min(offset, length), length - Math.Min(offset, length)).CopyTo(destination, progress, ct);
        }
        finally { File.Delete(tmp); }
    }

    public async Task RemoveAsync(Key key, CancellationToken ct)
    {
        var kf = KeyFile.Escape(key);
        var includes = new List<string>();
        foreach (var hash in new[] { HashDirs.Lower(key), HashDirs.Mixed(key) })
        {
            var dir = hash.TrimEnd('/');
            includes.Add("--include=" + dir[..dir.IndexOf('/')]);
            includes.Add("--include=" + hash);
            includes.Add("--include=" + hash + kf + "/***");
        }
        var scratch = ScratchDir();
        try
        {
            if (!await RsyncAsync([.. options.Common, .. includes, "--exclude=*", "--quiet", "--delete", "--recursive", .. Partial, scratch + "/", url], ct))
                throw new UserErrorException("rsync failed");
        }
        finally { Directory.Delete(scratch, recursive: true); }
    }
}
