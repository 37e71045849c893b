using Annex.Cli.CommandLine;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex initremote NAME type=… encryption=… [param=value …]` (doc/git-annex-initremote.mdwn).</summary>
public sealed class InitRemoteCommand : ICommand
{
    public string Name => "initremote";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("sameas"), OptionSpec.Flag("with-url", 'u'), OptionSpec.Flag("whatelse", 'w'), OptionSpec.Flag("private")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count == 0) throw new UserErrorException("Specify a name for the remote.");
        foreach (var unsupported in new[] { "sameas", "with-url", "whatelse", "private" })
            if (args.Has(unsupported)) throw new UserErrorException($"not implemented: initremote --{unsupported}");
        var repo = await ctx.InitializedRepoAsync(ct);
        var name = args.Params[0];
        var runner = new ItemRunner(ctx, "initremote");
        ctx.Messages.StartItem("initremote", null, null, displayName: name, inputs: args.Params);
        await runner.RunAsync(async () =>
        {
            await SpecialRemoteSetup.InitAsync(repo, name, SpecialRemoteSetup.ParseWords(args.Params.Skip(1)), ctx.Cwd, ct);
            return true;
        });
        return runner.Finish();
    }
}
