using System.Globalization;
using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex log [PATH ...]` (doc/git-annex-log.mdwn, Command/Log.hs): the history of each file's
/// location log, from `git log` of its log file in the git-annex branch. Each commit that changed the
/// set of repositories having the content shows "+ DATE FILE | UUID -- DESC" per repository that
/// gained it and "- ..." per repository that lost it, newest first. The size history options
/// (--sizes, --sizesof, --totalsizes, --gnuplot, --gource) are not implemented.
/// </summary>
public sealed class LogCommand : ICommand
{
    public string Name => "log";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Flag("raw-date"), OptionSpec.Value("since"), OptionSpec.Value("after"), OptionSpec.Value("until"),
        OptionSpec.Value("before"), OptionSpec.Value("max-count"), OptionSpec.Value("key"),
        OptionSpec.Flag("all", 'A'), OptionSpec.Value("branch"), OptionSpec.Flag("unused", 'U'),
        OptionSpec.Value("sizesof"), OptionSpec.Flag("sizes"), OptionSpec.Flag("totalsizes"), OptionSpec.Value("interval"),
        OptionSpec.Flag("received"), OptionSpec.Flag("gnuplot"), OptionSpec.Flag("bytes"), OptionSpec.Flag("gource"),
    ];

    /// <summary>One commit's change to a key's location log: commit time, blob before and after.</summary>
    public sealed record Change(long Time, string OldSha, string NewSha);

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        foreach (var opt in new[] { "all", "branch", "unused", "sizesof", "sizes", "totalsizes", "interval", "received", "gnuplot", "bytes", "gource" })
            if (args.Has(opt)) throw new UserErrorException($"log --{opt} is not implemented in this version of git-annex");
        var repo = await ctx.InitializedRepoAsync(ct);
        await repo.Branch.UpdateAsync(ct);
        var descs = await UuidDescriptions.LoadAsync(repo, ct);
        var passthru = new List<string>();
        foreach (var o in new[] { "since", "after", "until", "before", "max-count" })
            foreach (var v in args.Values(o)) { passthru.Add("--" + o); passthru.Add(v); }
        var runner = new ItemRunner(ctx, "log");
        if (args.Value("key") is { } ks)
        {
            var key = Key.TryParse(ks, out var k) ? k : throw new UserErrorException($"bad key {ks}");
            await ShowAsync(ctx, repo, descs, key, key.ToString(), null, args.Has("raw-date"), passthru, ct);
            return runner.Finish();
        }
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            var display = ctx.Display(repo, file.Path);
            await ShowAsync(ctx, repo, descs, file.Key, display, args.Params.Count == 0 ? display : input,
                args.Has("raw-date"), passthru, ct);
        }
        return runner.Finish();
    }

    private static async Task ShowAsync(CommandContext ctx, AnnexRepo repo, UuidDescriptions descs, Key key, string desc,
        string? input, bool rawDate, IReadOnlyList<string> passthru, CancellationToken ct)
    {
        var changes = await KeyLogAsync(repo, key, passthru, ct);
        var sets = new List<(long Time, SortedSet<string> Set)>();
        foreach (var c in changes) sets.Add((c.Time, await PresentAtAsync(repo, c.NewSha, ct)));
        if (changes.Count > 0) sets.Add((0, await PresentAtAsync(repo, changes[^1].OldSha, ct)));
        var m = ctx.Messages;
        for (int i = 0; i + 1 < sets.Count; i++)
        {
            var (t, now) = sets[i];
            var before = sets[i + 1].Set;
            if (now.SetEquals(before)) continue;
            var added = now.Except(before).ToList();
            var removed = before.Except(now).ToList();
            foreach (var (what, list) in new[] { ("addition", added), ("removal", removed) })
            {
                if (m.Json)
                {
                    m.StartItem("log", desc == key.ToString() ? null : desc, key.ToString(), input);
                    m.Field("logged", what);
                    m.Field("date", t.ToString(CultureInfo.InvariantCulture));
                    m.Field("locations", descs.Json(list.Select(Uuid.Parse)));
                    m.EndItem(true);
                    continue;
                }
                var date = rawDate ? t.ToString(CultureInfo.InvariantCulture) : Rfc822(t);
                foreach (var u in list)
                {
                    var d = descs.Named.TryGetValue(Uuid.Parse(u), out var s) ? s : u;
                    m.Raw($"{(what == "addition" ? '+' : '-')} {date} {desc} | {u} -- {d}\n");
                }
            }
        }
    }

    /// <summary>git log of the key's location log file on the git-annex branch, newest first.</summary>
    private static async Task<List<Change>> KeyLogAsync(AnnexRepo repo, Key key, IReadOnlyList<string> passthru, CancellationToken ct)
    {
        var path = Locations.LocationLogPath(key.WithoutChunk());
        var r = await GitCli.RunAsync(repo.Git,
            ["log", "--remove-empty", "--raw", "--no-abbrev", "--no-renames", "--format=commit %ct", .. passthru,
             AnnexBranch.FullName, "--", path], ct: ct);
        if (!r.Ok) throw new UserErrorException("git log failed: " + r.Stderr.Trim());
        return ParseGitLog(r.StdoutText);
    }

    /// <summary>Parses "commit TIME" headers followed by raw diff lines ":mode mode old new M\tpath".</summary>
    public static List<Change> ParseGitLog(string output)
    {
        var list = new List<Change>();
        long time = 0;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("commit ", StringComparison.Ordinal)) { long.TryParse(line[7..], out time); continue; }
            if (!line.StartsWith(':')) continue;
            var parts = line[1..].Split('\t')[0].Split(' ');
            if (parts.Length >= 4) list.Add(new Change(time, parts[2], parts[3]));
        }
        return list;
    }

    private static async Task<SortedSet<string>> PresentAtAsync(AnnexRepo repo, string sha, CancellationToken ct)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (sha.Trim('0').Length == 0) return set;
        var blob = await repo.CatFile.ReadBlobAsync(sha, ct);
        if (blob == null) return set;
        foreach (var u in PresenceLog.Parse(blob).Present()) set.Add(u);
        return set;
    }

    /// <summary>rfc822DateFormat in the local time zone: "Mon, 23 Nov 2026 23:17:57 UTC" (day space-padded).</summary>
    public static string Rfc822(long unixSeconds)
    {
        var utc = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var local = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.Local);
        var off = local.Offset;
        var zone = off == TimeSpan.Zero ? "UTC" : (off < TimeSpan.Zero ? "-" : "+") + off.ToString("hhmm", CultureInfo.InvariantCulture);
        var inv = CultureInfo.InvariantCulture;
        return $"{local.ToString("ddd", inv)}, {local.Day,2} {local.ToString("MMM yyyy HH:mm:ss", inv)} {zone}";
    }
}
