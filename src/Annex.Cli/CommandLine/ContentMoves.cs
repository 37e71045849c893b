using Annex.Core.Annex;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.CommandLine;

/// <summary>The content movements shared by get, copy, move and sync --content.</summary>
public static class ContentMoves
{
    /// <summary>--to REMOTE or --from REMOTE (exactly one), resolved to a usable remote.</summary>
    public static async Task<(IRemote Remote, bool FromRemote)> DirectionAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var (to, from) = (args.Value("to"), args.Value("from"));
        if ((to == null) == (from == null)) throw new UserErrorException("Specify either --to or --from.");
        return (await ctx.RemoteNamedAsync(to ?? from!, ct), from != null);
    }

    public static readonly IReadOnlyList<OptionSpec> DirectionOptions =
        [OptionSpec.Value("to", 't'), OptionSpec.Value("from", 'f'), OptionSpec.Flag("auto"), .. CommonOptions.KeySelection];

    /// <summary>
    /// Brings a file's content here from <paramref name="remote"/> (verified while copied), records it in the
    /// location log, and gives an unlocked file its content.
    /// </summary>
    public static async Task FetchAsync(CommandContext ctx, AnnexRepo repo, AnnexedFile file, IRemote remote, CancellationToken ct)
    {
        await Transfer.ReceiveAsync(repo.Locations, file.Key,
            (offset, dst) => remote.RetrieveAsync(file.Key, file.Path, offset, dst, ctx.Messages.Progress, ct), ct);
        if (remote is Core.Remotes.Web.WebRemote web && new ObjectStore(repo.Locations).PathOf(file.Key) is { } obj)
            await web.AfterDownloadAsync(file.Key, obj, ctx.Messages.SideAction, ct);
        await new LocationLogStore(repo).SetAsync(file.Key, repo.Uuid, present: true, ct);
        await LocalContent.PopulateAsync(repo, file.Key, file.Locked ? null : file.Path, ct);
        await repo.AdjustedRefresh.ContentChangedAsync(ct);
    }
}
