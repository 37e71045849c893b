using Annex.Core.Annex;
using Annex.Core.Annex.Matching;

namespace Annex.Cli.CommandLine;

/// <summary>
/// The seek stage shared by verbs that act on annexed files: the paths given (default: the current
/// directory), the annexed files under them, filtered by the matching options. A path that matches no
/// file known to git is reported like git reports it, and counts as a failure.
/// </summary>
public static class FileSeek
{
    public static async IAsyncEnumerable<(AnnexedFile File, string Input)> AnnexedAsync(CommandContext ctx, AnnexRepo repo,
        ParsedArgs args, ItemRunner runner, Expression? defaultMatcher = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var unsupported in new[] { "all", "key", "unused", "branch", "failed", "batch-keys" })
            if (args.Has(unsupported))
                throw new Annex.Core.Utility.UserErrorException($"--{unsupported} is not implemented in this version of git-annex");
        var matcher = CommandMatcher.Compile(repo, args.Matching) ?? defaultMatcher;
        if (args.Has("batch"))
        {
            await foreach (var item in BatchAsync(ctx, repo, args, matcher, ct)) yield return item;
            yield break;
        }
        var inputs = args.Params.Count == 0 ? ["."] : args.Params;
        foreach (var input in inputs)
        {
            var top = ctx.ToTopRelative(repo, input);
            bool any = false;
            await foreach (var f in WorkTree.AnnexedFilesAsync(repo, top.Length == 0 ? [] : [top], ct))
            {
                any = true;
                if (matcher != null && !await matcher.MatchAsync(new MatchSubject(f.Path, f.Key, f.Key.Size), ct)) continue;
                if (!ctx.Limits.Admit(ctx.Messages, f.Key.Size)) yield break;
                CollectPeriodically();
                // Without path arguments the reference reports each file as its own input.
                yield return (f, args.Params.Count == 0 ? ctx.Display(repo, f.Path) : input);
            }
            if (!any && !await KnownToGitAsync(repo, top, ct))
            {
                ctx.Messages.ErrorRaw($"error: pathspec '{input}' did not match any file(s) known to git\nDid you forget to 'git add'?\n");
                runner.CountFailure();
            }
        }
    }

    /// <summary>
    /// --batch (with -z: NUL-separated): one file per input record, and exactly one response per record; a
    /// record that yields no output (not annexed, not matching, nothing to do) is answered by a blank line.
    /// Files are looked up without starting a process per record.
    /// </summary>
    private static async IAsyncEnumerable<(AnnexedFile File, string Input)> BatchAsync(CommandContext ctx, AnnexRepo repo,
        ParsedArgs args, Expression? matcher, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var stdin = new Annex.Core.Utility.BufferedReader(Console.OpenStandardInput());
        byte separator = args.Has("z") ? (byte)0 : (byte)'\n';
        while (await stdin.ReadUntilAsync(separator, ct) is { } record)
        {
            var input = System.Text.Encoding.UTF8.GetString(record);
            var before = ctx.Messages.OutputCount;
            var file = input.Length == 0 ? null : await LookupAsync(ctx, repo, input, ct);
            if (file != null && (matcher == null || await matcher.MatchAsync(new MatchSubject(file.Path, file.Key, file.Key.Size), ct)))
                yield return (file, input);
            CollectPeriodically();
            if (ctx.Messages.OutputCount == before) ctx.Messages.Raw("\n");
            ctx.Messages.FlushOut();
        }
    }

    /// <summary>The annexed file at a path: its symlink or pointer, else (unlocked, content present) the staged pointer.</summary>
    private static async Task<AnnexedFile?> LookupAsync(CommandContext ctx, AnnexRepo repo, string input, CancellationToken ct)
    {
        string top;
        try { top = ctx.ToTopRelative(repo, input); }
        catch (Annex.Core.Utility.UserErrorException) { return null; }
        var key = WorkTree.LookupKey(Path.Combine(repo.Git.TopDir, top), out var locked);
        if (key != null) return new AnnexedFile(top, key, locked);
        var staged = await WorkTree.StagedPointerKeyAsync(repo, top, ct);
        return staged == null ? null : new AnnexedFile(top, staged, false);
    }

    private static int _seen;

    /// <summary>
    /// Each item leaves a few KiB of garbage, and the runtime's default gen0 budget lets that pile up to
    /// tens of MiB on a big tree before the first collection. A gen0+1 collection every 1,000 items costs
    /// well under a millisecond and keeps peak memory flat as the number of files grows.
    /// </summary>
    private static void CollectPeriodically()
    {
        if (++_seen % 1000 == 0) GC.Collect(1, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>Whether git tracks anything at the path (only asked when no annexed file was found there).</summary>
    private static async Task<bool> KnownToGitAsync(AnnexRepo repo, string top, CancellationToken ct)
    {
        // Read to the end: leaving git mid-output would block it on a full pipe.
        bool any = false;
        await foreach (var _ in Annex.Core.Git.LsFiles.ZeroSeparatedAsync(repo.Git, ["ls-files", "-z", "--", top.Length == 0 ? "." : top], ct))
            any = true;
        return any;
    }

    /// <summary>"content present here", the default of find and similar verbs.</summary>
    public static Expression PresentHere(AnnexRepo repo) =>
        Expression.Parse(["here"], _ => (s, _) => ValueTask.FromResult(s.Key != null && new ObjectStore(repo.Locations).Has(s.Key)));
}
