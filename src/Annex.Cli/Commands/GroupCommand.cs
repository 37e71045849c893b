using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex group REPOSITORY [GROUP]` and `ungroup REPOSITORY GROUP` (doc/git-annex-group.mdwn).</summary>
public sealed class GroupCommand(bool remove) : ICommand
{
    public string Name => remove ? "ungroup" : "group";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count == 0 || (remove && args.Params.Count != 2)) throw new UserErrorException("Specify a repository and a group.");
        var repo = await ctx.InitializedRepoAsync(ct);
        var who = args.Params[0];
        var uuid = await new RemoteNames(repo).ResolveAsync(who, ct);
        var store = new PreferredContentStore(repo);
        var groups = (await store.GroupsOfAsync(uuid, ct)).ToHashSet();
        if (args.Params.Count == 1)
        {
            ctx.Messages.Raw(string.Join(' ', groups.OrderBy(g => g, StringComparer.Ordinal)) + "\n");
            return 0;
        }
        var runner = new ItemRunner(ctx, Name);
        ctx.Messages.StartItem(Name, who, null, who);
        await runner.RunAsync(async () =>
        {
            if (remove) groups.Remove(args.Params[1]); else groups.Add(args.Params[1]);
            await store.SetGroupsAsync(uuid, groups, ct);
            return true;
        });
        return runner.Finish();
    }
}
