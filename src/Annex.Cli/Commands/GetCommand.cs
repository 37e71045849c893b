using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex get` (doc/git-annex-get.mdwn): fetch missing content from the cheapest remote that has it.</summary>
public sealed class GetCommand : ICommand
{
    public string Name => "get";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("from"), OptionSpec.Flag("auto"), .. CommonOptions.KeySelection];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "get");
        var store = new ObjectStore(repo.Locations);
        var locations = new LocationLogStore(repo);
        var remotes = await ctx.RemotesAsync(ct);
        var from = args.Value("from");
        var wanted = new Wanted(repo);
        if (from != null)
        {
            remotes = remotes.Where(r => r.Name == from).ToList();
            if (remotes.Count == 0) throw new UserErrorException($"there is no available git remote named \"{from}\"");
        }
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            if (store.Has(file.Key)) continue;
            if (args.Has("auto") && !await wanted.WantGetAsync(repo.Uuid, file, ct)) continue;
            var have = await locations.PresentAsync(file.Key, ct);
            var candidates = remotes.Where(r => have.Contains(r.Uuid) || from != null).ToList();
            ctx.Messages.StartItem("get", ctx.Display(repo, file.Path), file.Key.ToString(), input);
            if (candidates.Count == 0)
            {
                ctx.Messages.Note("not available");
                ctx.Messages.Explain("No other repository is known to contain the file.");
                await runner.RunAsync(() => Task.FromResult(false));
                continue;
            }
            await runner.RunAsync(async () =>
            {
                bool warned = false, webFailed = false;
                foreach (var r in candidates)
                {
                    if (r is Core.Remotes.Special.SpecialRemote or Core.Remotes.Web.WebRemote)
                    {
                        // As the reference: a special remote is asked for the content straight away (a presence check
                        // would cost a round trip of its own), and its failure is a warning before the next one is tried.
                        ctx.Messages.Note($"from {r.Name}...");
                        try { await ContentMoves.FetchAsync(ctx, repo, file, r, ct); return true; }
                        catch (UserErrorException e)
                        {
                            ctx.Messages.ItemWarning(e.Message);
                            warned = true;
                            webFailed |= r is Core.Remotes.Web.WebRemote;
                            continue;
                        }
                    }
                    if (!await r.HasKeyAsync(file.Key, ct)) continue;
                    ctx.Messages.Note($"from {r.Name}...");
                    await ContentMoves.FetchAsync(ctx, repo, file, r, ct);
                    return true;
                }
                if (webFailed)
                {
                    // As the reference prints it after a failed web download: the meter's line, then both explanations.
                    ctx.Messages.Raw("\n");
                    ctx.Messages.Explain("Unable to access these remotes: " + string.Join(", ", candidates.Select(c => c.Name))
                        + "\n\nNo other repository is known to contain the file.");
                }
                else if (!warned) ctx.Messages.Explain("Unable to access these remotes: " + string.Join(", ", candidates.Select(c => c.Name)));
                return false;
            });
        }
        return runner.Finish();
    }
}
