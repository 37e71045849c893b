using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell dropkey DIR --force KEY…` (Command/DropKey.hs): removes each key's content under its
/// exclusive content lock with no numcopies check (so --force is required), records it missing here in the
/// location log and commits the git-annex branch; then runs the annex-content hook.
/// </summary>
public sealed class DropKeyShellCommand : IShellCommand
{
    public string Name => "dropkey";
    public string Description => "drops annexed content for specified keys";
    public ShellMode Mode => ShellMode.ReadWrite;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        if (!ctx.Force) throw new UserErrorException("dropkey can cause data loss; use --force if you're sure you want to do this");
        int failed = 0, dropped = 0;
        foreach (var p in ctx.Params)
        {
            // Each key is an item: a bad one is reported and counted, the others are still dropped (as the reference).
            if (!Key.TryParse(p, out var key))
            {
                failed++;
                await Console.Error.WriteAsync("git-annex: bad key\n");
                continue;
            }
            try { await LocalContent.DropAsync(ctx.Repo, key, ct); dropped++; }
            catch (UserErrorException e)
            {
                failed++;
                await Console.Error.WriteAsync($"git-annex: {e.Message}\n");
            }
        }
        if (ctx.Repo.Branch.Journal.IsDirty) await ctx.Repo.Branch.CommitAsync("update", ct);
        if (dropped > 0) await AnnexContentHook.RunAsync(ctx.Repo, Console.OpenStandardError(), ct);
        if (failed == 0) return 0;
        await Console.Error.WriteAsync($"dropkey: {failed} failed\n");
        return 1;
    }
}
