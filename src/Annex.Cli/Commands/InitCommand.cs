using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex init [description] [--version N]` (doc/git-annex-init.mdwn).</summary>
public sealed class InitCommand : ICommand
{
    public string Name => "init";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("version"), OptionSpec.Flag("autoenable"), OptionSpec.Flag("no-autoenable")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        var description = args.Params.Count > 0 ? string.Join(' ', args.Params) : null;
        int version = Init.CurrentVersion;
        if (args.Value("version") is { } vs)
        {
            if (!int.TryParse(vs, out version)) throw new UserErrorException($"Bad repository version: {vs}");
            // The reference upgrades requests for older supported versions to the current one.
            if (Init.SupportedVersions.Contains(version)) version = Init.CurrentVersion;
        }
        var runner = new ItemRunner(ctx, "init");
        ctx.Messages.StartItem("init", null, null, displayName: description ?? "");
        await runner.RunAsync(async () =>
        {
            await Init.RunAsync(repo, description, autoInit: false, ct, version);
            return true;
        });
        return runner.Finish();
    }
}
