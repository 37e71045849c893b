using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex dropkey --force KEY ...` (doc/git-annex-dropkey.mdwn, Command/DropKey.hs): plumbing that
/// removes keys' content from this repository with no numcopies check (hence --force is required) and
/// records them as missing here.
/// </summary>
public sealed class DropKeyCommand : ICommand
{
    public string Name => "dropkey";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z')];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (!ctx.Force) throw new UserErrorException("dropkey can cause data loss; use --force if you're sure you want to do this\n");
        if (args.Has("batch")) throw new UserErrorException("dropkey --batch is not implemented in this version of git-annex");
        var keys = args.Params.Select(p => Key.TryParse(p, out var k) ? k : throw new UserErrorException("bad key\n")).ToList();
        var runner = new ItemRunner(ctx, "dropkey");
        for (int i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            ctx.Messages.StartItem("dropkey", null, key.ToString(), args.Params[i]);
            await runner.RunAsync(async () =>
            {
                await LocalContent.DropAsync(repo, key, ct);
                return true;
            });
        }
        return runner.Finish();
    }
}
