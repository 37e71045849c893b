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
        if (repo.Config.Get($"remote.{name}.url") is { } url && args.Params.Count == 1 && !url.StartsWith("annex::", StringComparison.Ordinal))
        {
            // A git remote, named with no parameters: enabling it means no longer ignoring it, and learning its UUID
            // (its verification state, if it came from remote.log, is unchanged).
            var r2 = new ItemRunner(ctx, "enableremote (normal)");
            ctx.Messages.StartItem("enableremote (normal)", null, null, displayName: name, inputs: [name]);
            await r2.RunAsync(async () =>
            {
                await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-ignore", "false", ct);
                return !(await Core.Remotes.RemoteList.LearnUuidAsync(repo, name, ctx.Messages.Warning, ct)).IsEmpty;
            });
            return r2.Finish();
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
            if (result.PendingId is { } id) ctx.Messages.LongNote(RemoteVerification.PromptNew(name, result.Config, SpecialRemoteTypes.FieldsOf(result.Config), id));
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
