using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>
/// `git hash-object -w --stdin-paths --no-filters`, one process for many blobs. In-memory content is
/// written to a temp file first (git reads blobs from paths in this mode), which is still far
/// cheaper than a git process per blob.
/// </summary>
public sealed class HashObject(GitRepo repo, string tempDir) : IAsyncDisposable
{
    private CoProcess? _proc;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<string> HashFileAsync(string path, CancellationToken ct = default)
    {
        if (path.Contains('\n')) throw new ArgumentException("path contains a newline", nameof(path));
        await _gate.WaitAsync(ct);
        try
        {
            _proc ??= GitCli.StartCoProcess(repo, ["hash-object", "-w", "--stdin-paths", "--no-filters"]);
            _proc.Input.Write(Encoding.UTF8.GetBytes(path + "\n"));
            _proc.Input.Flush(); // synchronous: see BufferedReader
            var sha = await _proc.Output.ReadLineAsync(ct);
            if (sha == null || sha.Length < 40) throw new IOException($"git hash-object failed for {path}");
            return sha;
        }
        finally { _gate.Release(); }
    }

    public async Task<string> HashBytesAsync(ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        Directory.CreateDirectory(tempDir);
        var tmp = Path.Combine(tempDir, "hashobject." + Environment.ProcessId + "." + Random.Shared.Next());
        await File.WriteAllBytesAsync(tmp, content.ToArray(), ct);
        try { return await HashFileAsync(tmp, ct); }
        finally { File.Delete(tmp); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_proc != null) await _proc.DisposeAsync();
    }
}
