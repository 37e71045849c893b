using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell configlist DIR` (Command/ConfigList.hs): prints annex.uuid and core.gcrypt-id, empty when
/// unset. A repository with no UUID is initialised first when a git-annex branch was pushed to it or the
/// client sent autoinit=1 — refused under GIT_ANNEX_SHELL_READONLY.
/// </summary>
public sealed class ConfigListShellCommand : IShellCommand
{
    public string Name => "configlist";
    public string Description => "outputs relevant git configuration";
    public ShellMode Mode => ShellMode.ReadOnly;
    public bool NeedsAnnexOrGcrypt => false;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        if (ctx.Params.Count > 0) throw new UserErrorException("This command takes no parameters.");
        var repo = ctx.Repo;
        if (repo.Uuid.IsEmpty && (ctx.Fields.ContainsKey(ShellArgs.AutoInitField) || await HasAnnexBranchAsync(repo, ct)))
        {
            ctx.Checks.CheckNot(ShellChecks.ReadOnlyEnv);
            // As the reference (configlist is noCommit), the new uuid.log entry stays in the journal.
            await Init.RunAsync(repo, null, autoInit: true, ct,
                ui: InitUi.Quiet(w => Console.Error.Write(string.Concat(w.Split('\n').Select(l => "  " + l + "\n")))));
        }
        var gcrypt = repo.Config.Get(GCryptId.ConfigKey) ?? "";
        await Console.Out.WriteAsync($"annex.uuid={repo.Uuid}\n{GCryptId.ConfigKey}={gcrypt}\n");
        await Console.Out.FlushAsync(ct);
        return 0;
    }

    /// <summary>Annex.Branch.hasSibling: any ref named .../git-annex (a pushed git-annex branch, or a remote's).</summary>
    private static async Task<bool> HasAnnexBranchAsync(AnnexRepo repo, CancellationToken ct) =>
        (await Refs.ListAsync(repo.Git, "refs/", ct)).Any(r => r.Name.EndsWith("/git-annex", StringComparison.Ordinal));
}
