using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Remotes.Export;
using Annex.Core.Keys;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex import BRANCH[:SUBDIR] --from REMOTE` (doc/git-annex-import.mdwn) for directory remotes with
/// importtree=yes; `git annex import PATH...` imports files from a local directory (<see cref="ImportLocalFiles"/>).
/// </summary>
public sealed class ImportCommand : ICommand
{
    public string Name => "import";
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("from"), OptionSpec.Flag("no-content"), OptionSpec.Flag("duplicate"), OptionSpec.Flag("deduplicate"),
         OptionSpec.Flag("skip-duplicates"), OptionSpec.Flag("clean-duplicates"), OptionSpec.Flag("reinject-duplicates")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var from = args.Value("from");
        if (from == null) return await ImportLocalFiles.RunAsync(ctx, args, ct);
        if (args.Has("no-content")) throw new UserErrorException("import --no-content is not implemented in this version of git-annex");
        var remote = await ctx.RemoteNamedAsync(from, ct) as SpecialRemote;
        if (remote == null || !remote.IsImport) throw new UserErrorException("That remote does not support imports.");
        if (args.Params.Count != 1) throw new UserErrorException("Specify the branch to import into (BRANCH or BRANCH:SUBDIR)");
        var treeish = args.Params[0];
        var subdir = treeish.Contains(':') ? treeish[(treeish.IndexOf(':') + 1)..].Trim('/') : "";
        var runner = new ItemRunner(ctx, "import");
        using var import = new TreeImport(repo, remote.Uuid, remote.Name, remote.ExportTarget());
        List<ImportableFile> listing = [];
        ctx.Messages.StartItem("list", null, null, displayName: remote.Name);
        await runner.RunAsync(() => { listing = import.List(); return Task.FromResult(true); });
        if (runner.Failed > 0) return runner.Finish();
        var imported = new List<(ImportableFile, Key)>();
        foreach (var f in listing)
        {
            var repoPath = subdir.Length == 0 ? f.Path : subdir + "/" + f.Path;
            if (f.KnownKey is { } k && (k.Backend == "GIT" || new ObjectStore(repo.Locations).Has(k)))
            {
                imported.Add((f, k));
                continue;
            }
            ctx.Messages.StartItem($"import {remote.Name}", repoPath, null, null, f.Path);
            await runner.RunAsync(async () => { imported.Add((f, await import.FetchAsync(f, repoPath, ct))); return true; });
        }
        // A file that could not be imported would be missing from the commit, as if deleted there: no commit then.
        if (runner.Failed > 0) return runner.Finish();
        var branch = treeish.Split(':')[0];
        if (branch.StartsWith("refs/heads/", StringComparison.Ordinal)) branch = branch["refs/heads/".Length..];
        ctx.Messages.StartItem("update", null, null, displayName: $"refs/remotes/{remote.Name}/{branch}");
        await runner.RunAsync(async () => { await import.FinishAsync(treeish, imported, ct); return true; });
        return runner.Finish();
    }
}
