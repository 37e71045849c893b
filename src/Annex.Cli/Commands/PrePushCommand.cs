using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex pre-push`, run by git's pre-push hook (git-annex 10.20261026): refuses every push while a special
/// remote awaits verification, since the git-annex branch pushed could tell an attacker which of their chosen
/// objects this repository holds.
/// </summary>
public sealed class PrePushCommand : ICommand
{
    public string Name => "pre-push";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        if (!repo.IsInitialized) return 0;
        var verification = new RemoteVerification(repo);
        var logged = await new RemoteConfigStore(repo).ConfigsAsync(ct);
        // Special remotes are those remote.log describes; a git remote's copy of the branch is no concern here.
        var unverified = repo.Config.RemoteNames().FirstOrDefault(n =>
            repo.Config.Get($"remote.{n}.annex-verified") is "manual" or "automatic"
            || Core.Logs.Uuid.TryParse(repo.Config.Get($"remote.{n}.annex-uuid") ?? "", out var u) && logged.ContainsKey(u)
               && verification.StateOf(u, logged) == VerificationState.Pending);
        if (unverified != null)
            throw new UserErrorException($"Push prevented due to an unverified special remote. Run this command to verify it: git-annex verifyremote {unverified}");
        return 0;
    }
}
