using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex smudge [--clean] FILE` (single-file filter, stdin to stdout) and `smudge --update`
/// (run by the post-checkout/post-merge hooks: unlocked files still holding a pointer get their
/// content when it is present here).
/// </summary>
public sealed class SmudgeCommand : ICommand
{
    public string Name => "smudge";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("clean"), OptionSpec.Flag("update")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        // stdout carries file content (or pkt-lines) to git: no side messages may reach it.
        ctx.Messages.Mode = Annex.Cli.Output.OutputMode.Quiet;
        var repo = await ctx.RepoAsync(ct);
        if (args.Has("update")) return await UpdateAsync(repo, ct);
        repo.InFilter = true;
        if (args.Params.Count != 1) throw new UserErrorException("smudge needs a file name");
        var smudge = new Smudge(repo);
        await using var stdin = Console.OpenStandardInput();
        await using var stdout = Console.OpenStandardOutput();
        Directory.CreateDirectory(repo.Locations.OtherTmpDir);
        var tmp = Path.Combine(repo.Locations.OtherTmpDir, "smudge." + Environment.ProcessId + "." + Random.Shared.Next());
        await using (var f = File.Create(tmp)) await stdin.CopyToAsync(f, ct);
        Stream result;
        if (args.Has("clean")) result = await smudge.CleanAsync(args.Params[0], tmp, ct);
        else { var c = await File.ReadAllBytesAsync(tmp, ct); File.Delete(tmp); result = smudge.SmudgeContent(c, args.Params[0]); }
        await using (result) await result.CopyToAsync(stdout, ct);
        return 0;
    }

    private static async Task<int> UpdateAsync(AnnexRepo repo, CancellationToken ct)
    {
        if (repo.Git.IsBare || !repo.IsInitialized) return 0;
        var store = new ObjectStore(repo.Locations);
        await foreach (var e in LsFiles.StagedAsync(repo.Git, [], ct))
        {
            if (e.IsSymlink || e.Stage > 1) continue;
            var full = Path.Combine(repo.Git.TopDir, e.Path);
            var fi = new FileInfo(full);
            if (!fi.Exists || fi.LinkTarget != null || fi.Length >= WorkTree.MaxPointerSize) continue;
            var key = WorkTree.KeyFromPointer(await File.ReadAllBytesAsync(full, ct));
            if (key == null || !store.Has(key)) continue;
            await LocalContent.PopulateAsync(repo, key, e.Path, ct);
        }
        // The scan above covered the staged files; entries the reference's filter logged are populated too, and consumed.
        await SmudgeLog.StreamAsync(repo, async (key, file) =>
        {
            if (store.Has(key) && WorkTree.LookupKey(Path.Combine(repo.Git.TopDir, file), out var locked) == key && !locked)
                await LocalContent.PopulateAsync(repo, key, file, ct);
        });
        return 0;
    }
}
