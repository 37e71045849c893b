using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell gcryptsetup DIR GCRYPTID` (Command/GCryptSetup.hs): prepares a bare repository to be a
/// git-remote-gcrypt remote of git-annex: sets core.gcrypt-id and receive.denyNonFastForwards=false. Refused
/// in a git-annex repository, in a non-bare one, or when a different gcrypt id is already set.
/// </summary>
public sealed class GCryptSetupShellCommand : IShellCommand
{
    public string Name => "gcryptsetup";
    public string Description => "sets up gcrypt repository";
    public ShellMode Mode => ShellMode.ReadWrite;
    public bool NeedsAnnexOrGcrypt => false;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        var repo = ctx.Repo;
        foreach (var gcryptId in ctx.Params)
        {
            // Errors inside the command are printed by the reference with its "git-annex:" prefix and a count.
            string? error = null;
            var existing = repo.Config.Get(GCryptId.ConfigKey);
            if (!repo.Uuid.IsEmpty) error = "gcryptsetup refusing to run; this repository already has a git-annex uuid!";
            else if (!string.IsNullOrEmpty(existing) && GCryptId.ToUuid(existing) != GCryptId.ToUuid(gcryptId)) error = "gcryptsetup uuid mismatch";
            else if (!repo.Git.IsBare) error = "cannot use gcrypt in a non-bare repository";
            if (error != null)
            {
                await Console.Error.WriteAsync($"git-annex: {error}\ngcryptsetup: 1 failed\n");
                return 1;
            }
            await repo.Config.SetAsync(repo.Git, GCryptId.ConfigKey, gcryptId, ct);
            await repo.Config.SetAsync(repo.Git, "receive.denyNonFastforwards", "false", ct);
        }
        return 0;
    }
}
