using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex unused` (doc/git-annex-unused.mdwn): numbers the objects here that no branch, tag, index
/// entry or work-tree file uses, then the stale files fsck kept in .git/annex/bad and partial transfers
/// in .git/annex/tmp, and writes the numbering to .git/annex/unused, badunused and tmpunused for
/// dropunused and addunused.
/// </summary>
public sealed class UnusedCommand : ICommand
{
    public string Name => "unused";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("from", 'f'), OptionSpec.Value("used-refspec")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        UsedRefSpec? refSpec = null;
        if ((args.Value("used-refspec") ?? repo.Config.Get("annex.used-refspec")) is { } specText)
            refSpec = UsedRefSpec.Parse(specText, out var error) ?? throw new UserErrorException(error!);
        if (args.Value("from") is { } from && from is not ("." or "here"))
            return await RemoteUnusedAsync(ctx, repo, from, refSpec, ct);

        ctx.Messages.StartItem("unused", null, null, displayName: ".");
        int count = 0;
        List<Key> unused = [];
        if (ctx.Fast) ctx.Messages.Note("fast mode enabled; only finding stale files");
        else
        {
            ctx.Messages.Note("checking for unused data...");
            var present = UnusedKeys.PresentKeysInReferenceOrder(repo.Locations);
            unused = await new UnusedKeys(repo, refSpec).FindAsync(present, name => ctx.Messages.Note($"checking {name}..."), ct);
        }
        count = Record(ctx, repo, "", unused, count, UnusedMessage);
        count = Record(ctx, repo, "bad", UnusedKeys.StaleKeys(repo.Locations, repo.Locations.BadDir), count,
            t => Table("Some corrupted files have been preserved by fsck, just in case:", t, DropHint("")));
        Record(ctx, repo, "tmp", UnusedKeys.StaleKeys(repo.Locations, repo.Locations.TmpDir), count,
            t => Table("Some partially transferred data exists in temporary files:", t, DropHint("")));
        ctx.Messages.EndItem(true);
        return 0;
    }

    /// <summary>
    /// --from REMOTE: keys the location logs say the remote has that nothing uses. Numbered in the same
    /// .git/annex/unused as local keys (as the reference does), for `dropunused --from REMOTE`.
    /// </summary>
    private static async Task<int> RemoteUnusedAsync(CommandContext ctx, AnnexRepo repo, string name, UsedRefSpec? refSpec, CancellationToken ct)
    {
        var runner = new ItemRunner(ctx, "unused");
        ctx.Messages.StartItem("unused", null, null, displayName: name);
        await runner.RunAsync(async () =>
        {
            var remote = (await ctx.RemotesAsync(ct)).FirstOrDefault(r => r.Name == name);
            var uuidText = remote?.Uuid.Value ?? repo.Config.Get($"remote.{name}.annex-uuid");
            if (string.IsNullOrEmpty(uuidText)) throw new UserErrorException($"there is no available git remote named \"{name}\"");
            ctx.Messages.Note("checking for unused data...");
            var locations = new LocationLogStore(repo);
            var logged = new List<Key>();
            await foreach (var key in LoggedKeys.AllAsync(repo, ct))
                if ((await locations.PresentAsync(key, ct)).Any(u => u.Value == uuidText)) logged.Add(key);
            var unused = await new UnusedKeys(repo, refSpec).FindAsync(logged, n => ctx.Messages.Note($"checking {n}..."), ct);
            Record(ctx, repo, "", unused, 0, t => Table($"Some annexed data on {name} is not used by any files:", t,
                WhereUsedHint + (remote != null ? DropHint(" --from " + name) : "")));
            return true;
        });
        return runner.Finish();
    }

    private static int Record(CommandContext ctx, AnnexRepo repo, string prefix, List<Key> keys, int start,
        Func<List<(int, Key)>, string> message)
    {
        var numbered = keys.Select((k, i) => (start + i + 1, k)).ToList();
        if (numbered.Count > 0) LongNote(ctx, message(numbered));
        var json = new JsonObject();
        foreach (var (n, k) in numbered) json.Set(n.ToString(System.Globalization.CultureInfo.InvariantCulture), k.ToString());
        ctx.Messages.Field((prefix.Length == 0 ? "unused" : prefix) + "-list", json);

        var old = UnusedKeys.ReadLog(repo.Locations, prefix);
        var now = LogTimestamp.FromPicoseconds((Int128)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100_000);
        var entries = UnusedLog.Update(old, keys, now).Select(e => e with { Number = e.Number + start });
        AtomicFile.Write(UnusedKeys.LogPath(repo.Locations, prefix), UnusedLog.Format(entries), durable: false);
        return start + keys.Count;
    }

    /// <summary>showLongNote: on its own indented lines (blank ones too) on stdout, or part of the JSON note.</summary>
    private static void LongNote(CommandContext ctx, string text)
    {
        if (ctx.Messages.Json) { ctx.Messages.Explain(text); return; }
        if (ctx.Messages.Mode != OutputMode.Normal) return;
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
        ctx.Messages.Raw("\n" + string.Join("\n", lines.Select(l => "  " + l)) + "\n");
    }

    private static string DropHint(string from) => $"\nTo remove unwanted data: git-annex dropunused{from} NUMBER\n";

    private const string WhereUsedHint = "(To see where this data was previously used, run: git annex whereused --historical --unused)\n";

    private static string UnusedMessage(List<(int, Key)> t) =>
        Table("Some annexed data is no longer used by any files:", t, WhereUsedHint + DropHint(""));

    private static string Table(string header, List<(int N, Key K)> t, string trailer)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(header).Append('\n').Append("  NUMBER  KEY\n");
        foreach (var (n, k) in t) sb.Append("  ").Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(6)).Append("  ").Append(k).Append('\n');
        // unlines: every line ends with a newline, the trailer's own last line included.
        return sb.Append(trailer).Append('\n').ToString();
    }
}
