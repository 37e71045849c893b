using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell recvkey DIR KEY` (Command/RecvKey.hs): runs rsync in server mode receiving into the key's
/// temporary file (resumable, --inplace), verifies it, moves it into the object store, records it present here
/// and runs the annex-content hook. Exit 1 when the transfer or the verification fails.
/// </summary>
public sealed class RecvKeyShellCommand : IShellCommand
{
    public string Name => "recvkey";
    public string Description => "runs rsync in server mode to receive content";
    public ShellMode Mode => ShellMode.AppendOnly;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        var repo = ctx.Repo;
        foreach (var key in ShellKeys.Parse(ctx.Params))
        {
            if (!await ReceiveOneAsync(ctx, key, ct)) return 1;
        }
        if (repo.Branch.Journal.IsDirty) await repo.Branch.CommitAsync("update", ct);
        await AnnexContentHook.RunAsync(repo, Console.OpenStandardError(), ct);
        return 0;
    }

    private static async Task<bool> ReceiveOneAsync(ShellContext ctx, Key key, CancellationToken ct)
    {
        var repo = ctx.Repo;
        var store = new ObjectStore(repo.Locations);
        if (!store.Has(key))
        {
            var tmp = repo.Locations.TmpObjectPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(tmp)!);
            if (await RsyncServer.ReceiveAsync(ctx.RsyncOptions, tmp, ct) != 0 || !File.Exists(tmp)) return false;
            if (key.Size is { } size && new FileInfo(tmp).Length != size) return false;
            if (repo.Config.GetBool("annex.verify", true) && Backends.VerifyFile(key, tmp, ct) == false)
            {
                File.Delete(tmp);
                await Console.Error.WriteAsync("  verification of content failed\n");
                return false;
            }
            store.MoveIn(key, tmp);
        }
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: true, ct);
        if (!repo.Git.IsBare) await LocalContent.PopulateAsync(repo, key, null, ct);
        return true;
    }
}
