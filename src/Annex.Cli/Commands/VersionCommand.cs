using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>`git annex version`: scripts parse these lines, so their shape follows the reference's.</summary>
public sealed class VersionCommand : ICommand
{
    /// <summary>The reference release whose formats and behaviour this build matches.</summary>
    public const string AnnexVersion = "10.20261026";

    public string Name => "version";
    public bool NeedsRepository => false;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("raw")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Has("raw")) { ctx.Messages.Raw(AnnexVersion); return 0; }
        var m = ctx.Messages;
        m.Raw($"git-annex version: {AnnexVersion}\n");
        m.Raw("build flags: AnnexSharp\n");
        m.Raw("key/value backends: " + string.Join(' ', Annex.Core.Keys.Backends.All.Select(b => b.Name)) + "\n");
        m.Raw("remote types: git\n");
        m.Raw("operating system: linux x86_64\n");
        m.Raw("supported repository versions: " + string.Join(' ', Init.SupportedVersions) + "\n");
        m.Raw("upgrade supported from repository versions: 0 1 2 3 4 5 6 7 8 9 10\n");
        var git = GitRepo.Discover(ctx.Cwd);
        if (git != null)
        {
            var repo = await ctx.RepoAsync(ct);
            if (repo.RepoVersion is { } v) m.Raw($"local repository version: {v}\n");
        }
        return 0;
    }
}
