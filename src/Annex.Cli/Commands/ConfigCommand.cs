using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex config --set NAME VALUE | --get NAME | --unset NAME` (doc/git-annex-config.mdwn).</summary>
public sealed class ConfigCommand : ICommand
{
    public string Name => "config";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("set"), OptionSpec.Value("get"), OptionSpec.Value("unset"), OptionSpec.Value("show-origin")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var store = new ConfigLogStore(repo);
        var name = args.Value("set") ?? args.Value("get") ?? args.Value("unset")
            ?? throw new UsageException("Specify --set, --get or --unset.");
        if (name is "annex.numcopies" or "annex.mincopies") return await CopiesAsync(ctx, repo, args, name, ct);
        if (!ConfigLogStore.GlobalSettings.Contains(name))
            throw new UserErrorException($"{name} is not a configuration setting that can be stored in the git-annex branch");
        if (args.Has("get"))
        {
            // An unset (or never set) setting prints nothing and still succeeds, as with the reference.
            if (await store.GetAsync(name, ct) is { } v) ctx.Messages.Raw(v + "\n");
            return 0;
        }
        bool set = args.Has("set");
        var value = set ? (args.Params.Count == 1 ? args.Params[0] : throw new UsageException("--set needs a value")) : "";
        var runner = new ItemRunner(ctx, "config");
        ctx.Messages.StartItem(name, null, null, displayName: set ? value : "unset");
        await runner.RunAsync(async () => { await store.SetAsync(name, value, ct); return true; });
        return runner.Finish();
    }

    /// <summary>annex.numcopies and annex.mincopies predate config.log and live in their own logs.</summary>
    private static async Task<int> CopiesAsync(CommandContext ctx, AnnexRepo repo, ParsedArgs args, string name, CancellationToken ct)
    {
        var store = new NumCopiesStore(repo);
        var file = name["annex.".Length..] + ".log";
        if (args.Has("get"))
        {
            if (await store.ReadAsync(file, ct) is not { } v) return 1;
            ctx.Messages.Raw(v + "\n");
            return 0;
        }
        if (args.Has("unset")) throw new UserErrorException($"unsetting {name} is not supported");
        if (args.Params.Count != 1 || !int.TryParse(args.Params[0], out var n) || n < 1)
            throw new UserErrorException($"invalid value for {name}");
        var runner = new ItemRunner(ctx, "config");
        ctx.Messages.StartItem(name, null, null, displayName: n.ToString());
        await runner.RunAsync(async () => { await store.SetAsync(file, n, ct); return true; });
        return runner.Finish();
    }
}
