using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>
/// Stages many index changes through one `git update-index -z --index-info` process.
/// Entries are streamed as they are queued; <see cref="FinishAsync"/> waits for git to apply them.
/// </summary>
public sealed class UpdateIndex(GitRepo repo, IReadOnlyDictionary<string, string?>? env = null) : IAsyncDisposable
{
    private CoProcess? _proc;

    public const string SymlinkMode = "120000", FileMode = "100644", ExecMode = "100755";

    private CoProcess Proc => _proc ??= GitCli.StartCoProcess(repo, ["update-index", "-z", "--index-info"], env);

    /// <summary>Stages <paramref name="sha"/> at <paramref name="path"/> (relative to the top of the work tree).</summary>
    public Task StageAsync(string mode, string sha, string path, CancellationToken ct = default) =>
        WriteAsync($"{mode} {sha}\t{path}\0", ct);

    /// <summary>Removes <paramref name="path"/> from the index.</summary>
    public Task UnstageAsync(string path, CancellationToken ct = default) =>
        WriteAsync($"0 0000000000000000000000000000000000000000\t{path}\0", ct);

    private async Task WriteAsync(string line, CancellationToken ct)
    {
        if (line.IndexOf('\0') != line.Length - 1) throw new ArgumentException("path contains NUL");
        await Proc.Input.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
    }

    public bool HasPending => _proc != null;

    public async Task FinishAsync(CancellationToken ct = default)
    {
        if (_proc == null) return;
        var p = _proc;
        _proc = null;
        await p.FinishAsync("git update-index", ct);
    }

    public async ValueTask DisposeAsync() => await FinishAsync();
}
