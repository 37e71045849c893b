using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Git;

/// <summary>
/// Stages work-tree paths as they are on disk through one `git update-index --add --remove --stdin -z`
/// process: symlinks are staged as symlinks, deleted paths are removed. Used for annex symlinks,
/// which need no clean filter.
/// </summary>
public sealed class StagePaths(GitRepo repo) : IAsyncDisposable
{
    private CoProcess? _proc;

    public async Task AddAsync(string topRelativePath, CancellationToken ct = default)
    {
        if (topRelativePath.Contains('\0')) throw new ArgumentException("path contains NUL");
        _proc ??= GitCli.StartCoProcess(repo, ["update-index", "--add", "--remove", "-z", "--stdin"]);
        await _proc.Input.WriteAsync(Encoding.UTF8.GetBytes(topRelativePath + "\0"), ct);
    }

    public async Task FinishAsync(CancellationToken ct = default)
    {
        if (_proc == null) return;
        var p = _proc;
        _proc = null;
        await p.FinishAsync("git update-index", ct);
    }

    public async ValueTask DisposeAsync() => await FinishAsync();
}
