using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell sendkey DIR KEY` (Command/SendKey.hs): runs rsync in server mode sending the key's object,
/// under a shared content lock so it cannot be dropped meanwhile. An absent key is a warning and exit 1.
/// </summary>
public sealed class SendKeyShellCommand : IShellCommand
{
    public string Name => "sendkey";
    public string Description => "runs rsync in server mode to send content";
    public ShellMode Mode => ShellMode.ReadOnly;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        foreach (var key in ShellKeys.Parse(ctx.Params))
        {
            using var lk = ContentLock.LockShared(ctx.Repo.Locations, key);
            var obj = lk == null ? null : ctx.Repo.Locations.PresentObjectPath(key);
            if (obj == null)
            {
                await Console.Error.WriteAsync("  requested key is not present\n");
                return 1;
            }
            if (await RsyncServer.SendAsync(ctx.RsyncOptions, obj, ct) != 0) return 1;
        }
        return 0;
    }
}
