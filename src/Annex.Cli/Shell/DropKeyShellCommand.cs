using Annex.Core.Annex;
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
        var keys = ShellKeys.Parse(ctx.Params);
        int failed = 0;
        foreach (var key in keys)
        {
            try { await LocalContent.DropAsync(ctx.Repo, key, ct); }
            catch (UserErrorException e)
            {
                failed++;
                await Console.Error.WriteAsync($"dropkey {key} \n  {e.Message}\nfailed\n");
            }
        }
        if (ctx.Repo.Branch.Journal.IsDirty) await ctx.Repo.Branch.CommitAsync("update", ct);
        if (keys.Count > failed) await AnnexContentHook.RunAsync(ctx.Repo, Console.OpenStandardError(), ct);
        if (failed > 0) throw new UserErrorException($"dropkey: {failed} failed");
        return 0;
    }
}
