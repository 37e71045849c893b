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
        var matcher = CommandMatcher.Compile(repo, args.Matching) ?? defaultMatcher;
        var inputs = args.Params.Count == 0 ? ["."] : args.Params;
        foreach (var input in inputs)
        {
            var top = ctx.ToTopRelative(repo, input);
            bool any = false;
            await foreach (var f in WorkTree.AnnexedFilesAsync(repo, top.Length == 0 ? [] : [top], ct))
            {
                any = true;
                if (matcher != null && !await matcher.MatchAsync(new MatchSubject(f.Path, f.Key, f.Key.Size), ct)) continue;
                // Without path arguments the reference reports each file as its own input.
                yield return (f, args.Params.Count == 0 ? ctx.Display(repo, f.Path) : input);
            }
            if (!any && !File.Exists(Path.Combine(ctx.Cwd, input)) && !Directory.Exists(Path.Combine(ctx.Cwd, input)))
            {
                ctx.Messages.ErrorRaw($"error: pathspec '{input}' did not match any file(s) known to git\nDid you forget to 'git add'?\n");
                runner.CountFailure();
            }
        }
    }

    /// <summary>"content present here", the default of find and similar verbs.</summary>
    public static Expression PresentHere(AnnexRepo repo) =>
        Expression.Parse(["here"], _ => (s, _) => ValueTask.FromResult(s.Key != null && new ObjectStore(repo.Locations).Has(s.Key)));
}
