using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Remotes;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex dropunused [--from REMOTE] NUMBER|RANGE|all ...` (doc/git-annex-dropunused.mdwn): drops
/// content numbered by the last `git annex unused`, proving numcopies first unless --force; numbers of
/// fsck's bad/ files and partial transfers delete those files.
/// </summary>
public sealed class DropUnusedCommand : ICommand
{
    public string Name => "dropunused";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("from", 'f'), OptionSpec.Value("jobs", 'J')];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var from = args.Value("from") is { } f ? await ctx.RemoteNamedAsync(f, ct) : null;
        var runner = new ItemRunner(ctx, "dropunused");
        foreach (var (n, key, kind) in UnusedNumbers.Resolve(repo, args.Params))
        {
            UnusedNumbers.StartItem(ctx, "dropunused", n);
            if (kind != UnusedKind.Object)
            {
                await runner.RunAsync(() =>
                {
                    var file = UnusedNumbers.WorkFile(repo, key, kind);
                    if (File.Exists(file)) File.Delete(file);
                    return Task.FromResult(true);
                });
                continue;
            }
            if (from != null) ctx.Messages.Note($"from {from.Name}...");
            await runner.RunAsync(() => DropAsync(ctx, repo, key, from, ct));
        }
        return runner.Finish();
    }

    private static async Task<bool> DropAsync(CommandContext ctx, AnnexRepo repo, Key key, IRemote? from, CancellationToken ct)
    {
        // Content already gone (dropped since `unused` ran) is fine.
        if (from == null ? !new ObjectStore(repo.Locations).Has(key) : !await from.HasKeyAsync(key, ct)) return true;
        await using var proof = await DropCommand.ProveAsync(ctx, repo, key, from, [], ct);
        if (!proof.Ok)
        {
            ctx.Messages.Note("unsafe");
            ctx.Messages.Explain(proof.Explanation!);
            return false;
        }
        if (from == null) await LocalContent.DropAsync(repo, key, ct);
        else await from.RemoveAsync(repo, key, proof, ct);
        return true;
    }
}
