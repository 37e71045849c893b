using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>An object read by <see cref="CatFile"/>.</summary>
public sealed record GitObject(string Sha, string Type, byte[] Content);

/// <summary>
/// `git cat-file --batch`, started once and asked for any number of objects.
/// Reply format: "&lt;sha&gt; &lt;type&gt; &lt;size&gt;\n&lt;content&gt;\n" or "&lt;name&gt; missing\n".
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
            _proc ??= GitCli.StartCoProcess(repo, ["cat-file", "--batch"]);
            await _proc.Input.WriteAsync(Encoding.UTF8.GetBytes(name + "\n"), ct);
            await _proc.Input.FlushAsync(ct);
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
