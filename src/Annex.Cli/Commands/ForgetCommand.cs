using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex forget --force` (doc/git-annex-forget.mdwn, Command/Forget.hs): records the
/// ForgetGitHistory transition and recreates the git-annex branch as one commit without history.
/// Other repositories apply the transition when they next merge this branch (see BranchTransitions).
/// </summary>
public sealed class ForgetCommand : ICommand
{
    public string Name => "forget";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("drop-dead")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        // The reference's sync, pull, push and forget have no JSON output and reject the option.
        foreach (var j in new[] { "json", "json-progress", "json-error-messages" })
            if (args.Has(j)) throw new UsageException($"Invalid option `--{j}'");
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem(Name, null, null, displayName: AnnexBranch.Name);
        await runner.RunAsync(async () =>
        {
            if (args.Has("drop-dead"))
                throw new UserErrorException("forget --drop-dead is not implemented in this version of git-annex");
            if (!ctx.Force)
            {
                ctx.Messages.Explain("To forget git-annex branch history, you must specify --force. This deletes metadata!");
                return false;
            }
            var log = TransitionsLog.Parse(await repo.Branch.ReadAsync(BranchTransitions.LogFile, ct) ?? []);
            log.Add("ForgetGitHistory", LogClock.Candidate());
            await repo.Branch.WriteAsync(BranchTransitions.LogFile, log.Format(), ct);
            ctx.Messages.Note("recording state in git...");
            await repo.Branch.CommitAsync("update", ct);
            var transitions = new BranchTransitions(repo, repo.Branch);
            await transitions.NewBranchAsync(BranchTransitions.Normalize(log.Format()), ct);
            return true;
        });
        return runner.Finish();
    }
}
