using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex repair` (doc/git-annex-repair.mdwn, Command/Repair.hs, Git/Repair.hs): runs `git fsck`
/// and checks that every branch resolves; with no problem found it says so. It then checks the
/// git-annex branch's index (.git/annex/index), deleting it when it names missing objects, since it is
/// only a cache of the branch. Repairing a damaged git repository itself (recovering objects from
/// remotes, rewinding branches) is not implemented: it fails saying so, changing nothing.
/// </summary>
public sealed class RepairCommand : ICommand
{
    public string Name => "repair";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        var runner = new ItemRunner(ctx, "repair");
        ctx.Messages.StartItem("repair", null, null);
        await runner.RunAsync(async () =>
        {
            Say(ctx, "Running git fsck ...");
            var fsck = await GitCli.RunAsync(repo.Git, ["fsck", "--no-dangling", "--no-reflogs"], ct: ct);
            if (Broken(fsck)) return NotImplemented(ctx, "Fsck found problems, attempting repair.");
            Say(ctx, "Fsck found no problems. Checking for broken branches.");
            foreach (var (name, _) in await Refs.ListAsync(repo.Git, "refs/", ct))
                if (await Refs.ShaOfAsync(repo.Git, name, ct) == null && !name.StartsWith("refs/tags/", StringComparison.Ordinal))
                    return NotImplemented(ctx, "Found problems, attempting repair.");
            Say(ctx, "No problems found.");
            if (repo.RepoVersion != null) await CheckAnnexIndexAsync(ctx, repo, ct);
            return true;
        });
        return runner.Finish();
    }

    /// <summary>Output other than "dangling" lines, or a failing exit, means git found problems (Git/Fsck.hs).</summary>
    private static bool Broken(ProcessResult r)
    {
        var lines = (r.StdoutText + "\n" + r.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("dangling ", StringComparison.Ordinal) && !l.StartsWith("Checking ", StringComparison.Ordinal)
                && !l.Contains("duplicateEntries", StringComparison.Ordinal)).ToList();
        return !r.Ok || lines.Any(l => l.Split(' ').Any(w => w.Length == 40 && w.All(Uri.IsHexDigit)));
    }

    private static bool NotImplemented(CommandContext ctx, string found)
    {
        Say(ctx, found);
        throw new UserErrorException("repairing a damaged git repository is not implemented in this version of git-annex");
    }

    /// <summary>.git/annex/index naming missing objects is deleted; the branch itself is the record.</summary>
    private static async Task CheckAnnexIndexAsync(CommandContext ctx, AnnexRepo repo, CancellationToken ct)
    {
        var index = repo.Locations.AnnexIndex;
        if (!File.Exists(index)) return;
        var env = repo.Branch.IndexEnv;
        var ls = await GitCli.RunAsync(repo.Git, ["ls-files", "--stage", "-z"], env: env, ct: ct);
        bool ok = ls.Ok;
        if (ok)
        {
            var shas = ls.StdoutText.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split(' ')[1]).Distinct().ToList();
            if (shas.Count > 0)
            {
                var check = await GitCli.RunAsync(repo.Git, ["cat-file", "--batch-check"],
                    System.Text.Encoding.ASCII.GetBytes(string.Join('\n', shas) + "\n"), ct: ct);
                ok = check.Ok && !check.StdoutText.Contains(" missing", StringComparison.Ordinal);
            }
        }
        if (ok) return;
        File.Delete(index);
        Say(ctx, "Had to delete the .git/annex/index file as it was corrupt.");
        Say(ctx, await Refs.ShaOfAsync(repo.Git, AnnexBranch.FullName, ct) == null
            ? "Since the git-annex branch is not up-to-date anymore. It would be a very good idea to run: git annex fsck --fast"
            : "No data was lost.");
    }

    /// <summary>Git/Repair.hs reports with plain lines on stdout, inside the item.</summary>
    private static void Say(CommandContext ctx, string line)
    {
        if (ctx.Messages.Mode == Output.OutputMode.Normal) ctx.Messages.Raw(line + "\n");
    }
}
