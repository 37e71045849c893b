using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>An object read by <see cref="CatFile"/>.</summary>
public sealed record GitObject(string Sha, string Type, byte[] Content);

/// <summary>Type and size of an object, from <see cref="CatFile.InfoAsync"/>.</summary>
public sealed record GitObjectInfo(string Sha, string Type, long Size);

/// <summary>
/// `git cat-file --batch-command`, started once and asked for any number of objects: "contents NAME"
/// replies "&lt;sha&gt; &lt;type&gt; &lt;size&gt;\n&lt;content&gt;\n", "info NAME" replies the header only;
/// a missing object replies "&lt;name&gt; missing\n". Asking for info first avoids reading big blobs.
/// </summary>
public sealed class CatFile(GitRepo repo) : IAsyncDisposable
{
    private CoProcess? _proc;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Reads an object by any name git understands (sha, ref, "ref:path"); null when missing.</summary>
    public async Task<GitObject?> ReadAsync(string name, CancellationToken ct = default)
    {
        if (name.Contains('\n')) throw new ArgumentException("object name contains a newline", nameof(name));
        await _gate.WaitAsync(ct);
        try
        {
            _proc ??= Start();
            _proc.Input.Write(Encoding.UTF8.GetBytes("contents " + name + "\n"));
            _proc.Input.Flush(); // synchronous: see BufferedReader
            var header = await _proc.Output.ReadLineAsync(ct) ?? throw new IOException("git cat-file exited unexpectedly");
            var parts = header.Split(' ');
            if (parts.Length != 3) return null; // "<name> missing" / "ambiguous"
            var size = int.Parse(parts[2]);
            var content = new byte[size];
            await _proc.Output.ReadExactlyAsync(content, ct);
            var nl = new byte[1];
            await _proc.Output.ReadExactlyAsync(nl, ct);
            return new GitObject(parts[0], parts[1], content);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Type and size of an object, without its content; null when missing.</summary>
    public async Task<GitObjectInfo?> InfoAsync(string name, CancellationToken ct = default)
    {
        if (name.Contains('\n')) throw new ArgumentException("object name contains a newline", nameof(name));
        await _gate.WaitAsync(ct);
        try
        {
            _proc ??= Start();
            _proc.Input.Write(Encoding.UTF8.GetBytes("info " + name + "\n"));
            _proc.Input.Flush(); // synchronous: see BufferedReader
            var header = await _proc.Output.ReadLineAsync(ct) ?? throw new IOException("git cat-file exited unexpectedly");
            var parts = header.Split(' ');
            return parts.Length == 3 ? new GitObjectInfo(parts[0], parts[1], long.Parse(parts[2])) : null;
        }
        finally { _gate.Release(); }
    }

    /// <summary>A blob's content when it is at most <paramref name="maxSize"/> bytes; null when missing, not a blob, or bigger.</summary>
    public async Task<byte[]?> ReadSmallBlobAsync(string name, long maxSize, CancellationToken ct = default)
    {
        var info = await InfoAsync(name, ct);
        if (info == null || info.Type != "blob" || info.Size > maxSize) return null;
        return await ReadBlobAsync(info.Sha, ct);
    }

    private CoProcess Start() => GitCli.StartCoProcess(repo, ["cat-file", "--batch-command"]);

    public async Task<byte[]?> ReadBlobAsync(string name, CancellationToken ct = default)
    {
        var o = await ReadAsync(name, ct);
        return o != null && o.Type == "blob" ? o.Content : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proc != null) await _proc.DisposeAsync();
    }
}
