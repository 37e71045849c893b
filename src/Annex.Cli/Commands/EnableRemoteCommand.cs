using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex enableremote NAME [param=value …]` (doc/git-annex-enableremote.mdwn): sets up in this clone a
/// special remote some repository initialised, or stops ignoring a git remote.
/// </summary>
public sealed class EnableRemoteCommand : ICommand
{
    public string Name => "enableremote";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (args.Params.Count == 0) throw new UserErrorException("Specify the remote to enable.\n" + await ListAsync(repo, ct));
        var name = args.Params[0];
        var runner = new ItemRunner(ctx, "enableremote");
        if (repo.Config.Get($"remote.{name}.url") != null)
        {
            // A git remote: enabling it means no longer ignoring it, and learning its UUID.
            ctx.Messages.StartItem("enableremote", null, null, displayName: name, inputs: [name]);
            await runner.RunAsync(async () =>
            {
                await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-ignore", "false", ct);
                var found = (await Core.Remotes.RemoteList.ListAsync(repo, ctx.Messages.Warning, ct)).Any(r => r.Name == name);
                return found;
            });
            return runner.Finish();
        }
        var existing = await new RemoteConfigStore(repo).FindByNameAsync(name, ct);
        if (existing.Count == 0)
            throw new UserErrorException($"there is no available git remote named \"{name}\"\n" + await ListAsync(repo, ct));
        var (uuid, logged) = existing[0];
        ctx.Messages.StartItem("enableremote", null, null, displayName: name, inputs: [name]);
        await runner.RunAsync(async () =>
        {
            var result = await SpecialRemoteSetup.EnableAsync(repo, name, uuid, logged, SpecialRemoteSetup.ParseWords(args.Params.Skip(1)), ctx.Cwd, ct);
            // Someone else's configuration: the user must see where it points and confirm it (CVE-2026-112818).
            if (result.PendingId is { } id) ctx.Messages.LongNote(RemoteVerification.PromptNew(name, result.Config, id));
            return true;
        });
        return runner.Finish();
    }

    /// <summary>The special remotes that could be enabled, as the reference lists them.</summary>
    private static async Task<string> ListAsync(AnnexRepo repo, CancellationToken ct)
    {
        var lines = (await new RemoteConfigStore(repo).ConfigsAsync(ct))
            .Where(kv => kv.Value.ContainsKey("name"))
            .Select(kv => $"\t{kv.Key.Value} -- [{kv.Value["name"]}]");
        return string.Join("\n", lines) + "\n";
    }
}
