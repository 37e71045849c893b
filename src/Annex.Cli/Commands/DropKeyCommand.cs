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
        var runner = new ItemRunner(ctx, "dropkey");
        async Task DropOne(Key key, string input)
        {
            ctx.Messages.StartItem("dropkey", null, key.ToString(), input);
            await runner.RunAsync(async () =>
            {
                await LocalContent.DropAsync(repo, key, ct);
                return true;
            });
        }
        if (args.Has("batch"))
        {
            if (args.Params.Count > 0) throw new UserErrorException("Cannot mix --batch with command line parameters\n");
            using var stdin = Console.OpenStandardInput();
            var reader = new BufferedReader(stdin);
            while (await reader.ReadUntilAsync(args.Has("z") ? (byte)0 : (byte)'\n', ct) is { } raw)
            {
                var line = System.Text.Encoding.UTF8.GetString(raw);
                if (!Key.TryParse(line, out var key)) throw new UserErrorException("Batch input parse failure: bad key\n");
                await DropOne(key, line);
            }
            return runner.Finish();
        }
        var keys = args.Params.Select(p => Key.TryParse(p, out var k) ? k : throw new UserErrorException("bad key\n")).ToList();
        for (int i = 0; i < keys.Count; i++) await DropOne(keys[i], args.Params[i]);
        return runner.Finish();
    }
}
