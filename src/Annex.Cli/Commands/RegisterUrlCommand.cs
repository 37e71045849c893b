using System.Text;
using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex registerurl KEY URL` (doc/git-annex-registerurl.mdwn, Command/RegisterUrl.hs): plumbing that records
/// URL for KEY in the web log, so the web remote has it. "KEY URL" lines come from stdin with --batch or with no
/// parameters. No special remote claims URLs here, so every URL is the web's.
/// </summary>
public sealed class RegisterUrlCommand : ICommand
{
    public string Name => "registerurl";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Value("remote")];

    public Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct) =>
        RunAsync(ctx, args, "registerurl", batchWithoutParams: true,
            (urls, key, url, c) => urls.SetPresentAsync(key, url, c), ct);

    /// <summary>The shared seek of registerurl and unregisterurl (Command/RegisterUrl.hs seek and seekBatch).</summary>
    internal static async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, string verb, bool batchWithoutParams,
        Func<UrlLogStore, Key, string, CancellationToken, Task> action, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (args.Value("remote") is { } remote && remote != "web")
            throw new UserErrorException($"there is no available git remote named \"{remote}\"");
        var urls = new UrlLogStore(repo);
        var runner = new ItemRunner(ctx, verb);
        bool batch = args.Has("batch") || (batchWithoutParams && args.Params.Count == 0);
        if (!batch)
        {
            if (args.Params.Count != 2) throw new UserErrorException("specify a key and an url");
            await OneAsync(ctx, runner, urls, verb, args.Params[0], args.Params[1], [args.Params[0], args.Params[1]], action, ct);
            return runner.Finish();
        }
        if (args.Params.Count > 0) throw new UserErrorException("Cannot mix --batch with command line parameters\n");
        using var stdin = Console.OpenStandardInput();
        var reader = new BufferedReader(stdin);
        while (await reader.ReadUntilAsync(args.Has("z") ? (byte)0 : (byte)'\n', ct) is { } raw)
        {
            var line = Encoding.UTF8.GetString(raw);
            int sp = line.IndexOf(' ');
            if (sp < 0 || sp == line.Length - 1)
            {
                ctx.Messages.Warning("no url provided");
                runner.CountFailure();
                continue;
            }
            // The reference's batch mode reports every item as "registerurl", whichever verb runs.
            await OneAsync(ctx, runner, urls, "registerurl", line[..sp], line[(sp + 1)..], [line], action, ct);
        }
        return runner.Finish();
    }

    private static async Task OneAsync(CommandContext ctx, ItemRunner runner, UrlLogStore urls, string verb, string keyName, string url,
        List<string> input, Func<UrlLogStore, Key, string, CancellationToken, Task> action, CancellationToken ct)
    {
        ctx.Messages.StartItem(verb, null, null, input[0], displayName: url);
        ctx.Messages.Field("input", input);
        await runner.RunAsync(async () =>
        {
            var key = FromKeyCommand.ParseKey(keyName) ?? throw new UserErrorException($"bad key/url {keyName}");
            await action(urls, key, url, ct);
            return true;
        });
    }
}
