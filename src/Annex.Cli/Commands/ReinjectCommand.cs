using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex reinject SRC DEST ...` (doc/git-annex-reinject.mdwn, Command/Reinject.hs): moves SRC into
/// the annex as the content of annexed file DEST, once it is verified to be that content. With --known,
/// each SRC is hashed with the default backend and moved in when the key is known to the location log;
/// with --guesskeys, each SRC named like a key file is checked against that key.
/// </summary>
public sealed class ReinjectCommand : ICommand
{
    public string Name => "reinject";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("known"), OptionSpec.Flag("guesskeys")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        bool known = args.Has("known"), guess = args.Has("guesskeys");
        if (known && guess) throw new UserErrorException("Cannot combine --known with --guesskeys");
        if (!known && !guess && args.Params.Count % 2 != 0) throw new UserErrorException("expected pairs");
        var runner = new ItemRunner(ctx, "reinject");
        if (known || guess)
        {
            foreach (var src in args.Params)
            {
                ctx.Messages.StartItem("reinject", null, null, src, displayName: src);
                await runner.RunAsync(() => known ? KnownAsync(ctx, repo, src, ct) : GuessAsync(ctx, repo, src, ct));
            }
        }
        else
        {
            for (int i = 0; i < args.Params.Count; i += 2)
            {
                var (src, dest) = (args.Params[i], args.Params[i + 1]);
                if (src == dest) continue;
                ctx.Messages.StartItem("reinject", null, null, src, displayName: src);
                ctx.Messages.Field("input", new List<string> { src, dest });
                await runner.RunAsync(() => SrcDestAsync(ctx, repo, src, dest, ct));
            }
        }
        return runner.Finish();
    }

    private static async Task<bool> SrcDestAsync(CommandContext ctx, AnnexRepo repo, string src, string dest, CancellationToken ct)
    {
        await NotAnnexedAsync(ctx, repo, src, ct);
        var key = await LookupKeyAsync(ctx, repo, dest, ct)
            ?? throw new UserErrorException($"{src} is not an annexed file");
        if (!Verify(ctx, key, Path.GetFullPath(src, ctx.Cwd), ct))
            throw new UserErrorException($"{src} does not have expected content of {dest}");
        await MoveInAsync(ctx, repo, src, key, ct);
        // An unlocked DEST still holding its pointer gets the content.
        var destTop = Path.GetRelativePath(repo.Git.TopDir, Path.GetFullPath(dest, ctx.Cwd)).Replace('\\', '/');
        await LocalContent.PopulateAsync(repo, key, destTop, ct);
        return true;
    }

    private static async Task<bool> KnownAsync(CommandContext ctx, AnnexRepo repo, string src, CancellationToken ct)
    {
        await NotAnnexedAsync(ctx, repo, src, ct);
        var name = ctx.Globals.Value("backend") ?? repo.Config.Get("annex.backend");
        var backend = string.IsNullOrEmpty(name) ? Backends.Default
            : Backends.ByName(name) ?? throw new UserErrorException($"unknown backend {name}");
        var full = Path.GetFullPath(src, ctx.Cwd);
        var key = backend.GenerateKey(full, new KeyGenOptions(AssociatedFile: Path.GetFileName(full)), cancellationToken: ct);
        if ((await repo.Branch.ReadAsync(Locations.LocationLogPath(key), ct)) is not { Length: > 0 })
        {
            Skip(ctx, "Not known content; skipping");
            return true;
        }
        return await MoveInAsync(ctx, repo, src, key, ct);
    }

    private static async Task<bool> GuessAsync(CommandContext ctx, AnnexRepo repo, string src, CancellationToken ct)
    {
        await NotAnnexedAsync(ctx, repo, src, ct);
        if (!KeyFile.TryParse(Path.GetFileName(src), out var key))
        {
            Skip(ctx, "Not named like an object file; skipping");
            return true;
        }
        if (!Verify(ctx, key, Path.GetFullPath(src, ctx.Cwd), ct))
            throw new UserErrorException($"{src} does not have expected content");
        return await MoveInAsync(ctx, repo, src, key, ct);
    }

    private static void Skip(CommandContext ctx, string why)
    {
        // The reference ends the item's line before a warning, and "ok" follows on its own line.
        if (ctx.Messages.Mode == OutputMode.Normal) ctx.Messages.Raw("\n");
        ctx.Messages.Warning(why);
    }

    /// <summary>An annexed file's own link or pointer cannot be the source (its content is what is missing).</summary>
    private static async Task NotAnnexedAsync(CommandContext ctx, AnnexRepo repo, string src, CancellationToken ct)
    {
        if (repo.Git.IsBare) return;
        if (await LookupKeyAsync(ctx, repo, src, ct) != null)
            throw new UserErrorException($"cannot used annexed file as src: {src}");
    }

    /// <summary>The key of an annexed file: from its symlink, else from its staged pointer (Annex/WorkTree.hs lookupKey).</summary>
    public static async Task<Key?> LookupKeyAsync(CommandContext ctx, AnnexRepo repo, string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path, ctx.Cwd);
        var fi = new FileInfo(full);
        if (fi.LinkTarget != null) return WorkTree.KeyFromSymlinkTarget(fi.LinkTarget);
        if (!fi.Exists) return null;
        var rel = Path.GetRelativePath(repo.Git.TopDir, full);
        if (rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel)) return null;
        var blob = await repo.CatFile.ReadBlobAsync(":" + rel.Replace('\\', '/'), ct);
        return blob == null ? null : WorkTree.KeyFromPointer(blob);
    }

    /// <summary>Checks content against a key: its hash when the backend has one ("checksum..."), else its size.</summary>
    public static bool Verify(CommandContext ctx, Key key, string path, CancellationToken ct)
    {
        if (key.Size is { } size && new FileInfo(path).Length != size) return false;
        if (Backends.ForKey(key) is { CanVerify: true })
        {
            ctx.Messages.Note("checksum...");
            return Backends.VerifyFile(key, path, ct) == true;
        }
        return true;
    }

    private static async Task<bool> MoveInAsync(CommandContext ctx, AnnexRepo repo, string src, Key key, CancellationToken ct)
    {
        ctx.Messages.Field("key", key.ToString());
        var full = Path.GetFullPath(src, ctx.Cwd);
        var store = new ObjectStore(repo.Locations);
        bool arrived = false;
        if (store.Has(key)) File.Delete(full);
        else if (!(arrived = store.MoveIn(key, full)))
            throw new UserErrorException("failed");
        await new LocationLogStore(repo).SetAsync(key, repo.Uuid, present: true, ct);
        if (arrived) await repo.AdjustedRefresh.ContentChangedAsync(ct);
        return true;
    }
}
