using System.Text;
using Annex.Cli.CommandLine;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>`git annex status` (deprecated upstream): the work tree's changes, "X path" per line, paths relative to here.</summary>
public sealed class StatusCommand : ICommand
{
    public string Name => "status";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("ignore-submodules")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var r = await GitCli.RunAsync(repo.Git, ["status", "--porcelain", "-z", "--untracked-files=all"], ct: ct);
        foreach (var entry in Encoding.UTF8.GetString(r.Stdout).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length < 4) continue;
            var code = entry[..2].Trim();
            var path = ctx.Display(repo, entry[3..]);
            if (!path.StartsWith("../", StringComparison.Ordinal)) path = "./" + path;
            ctx.Messages.Raw($"{(code == "??" ? "?" : code[^1..])} {path}\n");
        }
        return 0;
    }
}
