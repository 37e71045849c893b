using System.Globalization;
using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex verifyremote NAME [--safe ID | --unsafe]` (git-annex 10.20261026, CVE-2026-112818): shows a special
/// remote's configuration for the user to confirm, and records the confirmation that makes it usable.
/// </summary>
public sealed class VerifyRemoteCommand : ICommand
{
    public string Name => "verifyremote";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("safe"), OptionSpec.Flag("unsafe")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count != 1) throw new UserErrorException("Usage: git-annex verifyremote REMOTE [--safe ID | --unsafe]");
        if (args.Value("safe") != null && args.Has("unsafe")) throw new UserErrorException("Usage: git-annex verifyremote REMOTE [--safe ID | --unsafe]");
        var repo = await ctx.InitializedRepoAsync(ct);
        var name = args.Params[0];
        // A git remote added from remote.log learns its annex-uuid only once verified: find it by name there.
        if (!Uuid.TryParse(repo.Config.Get($"remote.{name}.annex-uuid") ?? "", out var uuid))
            uuid = repo.Config.Get($"remote.{name}.url") != null && (await new RemoteConfigStore(repo).FindByNameAsync(name, ct)) is [var found, ..]
                ? found.Uuid
                : throw new UserErrorException($"there is no available git remote named \"{name}\"");
        var verification = new RemoteVerification(repo);
        var all = await new RemoteConfigStore(repo).ConfigsAsync(ct);
        var logged = all.TryGetValue(uuid, out var c) ? c : new Dictionary<string, string>();
        var pending = repo.Config.Get($"remote.{name}.annex-verified") is "manual" or "automatic"
            || verification.StateOf(uuid, all) == VerificationState.Pending;

        if (args.Value("safe") is { } idText)
        {
            var runner = new ItemRunner(ctx, "verifyremote");
            ctx.Messages.StartItem("verifyremote", null, null, displayName: name, inputs: [name]);
            await runner.RunAsync(async () =>
            {
                if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && await verification.AcceptAsync(name, uuid, id, ct))
                    return true;
                ctx.Messages.ItemWarning("invalid ID");
                return false;
            });
            return runner.Finish();
        }
        if (args.Has("unsafe"))
        {
            var runner = new ItemRunner(ctx, "verifyremote");
            ctx.Messages.StartItem("verifyremote", null, null, displayName: name, inputs: [name]);
            // Nothing to undo but to say what may have happened: the remote stays unusable (or, if it was
            // verified, was trusted before and stays as it is).
            await runner.RunAsync(() =>
            {
                ctx.Messages.ItemWarning(pending ? RemoteVerification.UnsafePending(name) : RemoteVerification.UnsafeVerified(name));
                return Task.FromResult(false);
            });
            return runner.Finish();
        }
        if (pending)
        {
            ctx.Messages.Line(RemoteVerification.PromptNew(name, logged, Core.Remotes.Special.SpecialRemoteTypes.FieldsOf(logged), verification.Show(logged)));
            return 0;
        }
        var confirmed = verification.VerifiedConfig(uuid)!;
        if (SameConfig(confirmed, logged))
        {
            ctx.Messages.Line("There have been no changes to the remote's configuration since it was last verified.");
            return 0;
        }
        ctx.Messages.Line(RemoteVerification.PromptUpdated(name, logged, Core.Remotes.Special.SpecialRemoteTypes.FieldsOf(logged), verification.Show(logged)));
        return 0;
    }

    private static bool SameConfig(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
