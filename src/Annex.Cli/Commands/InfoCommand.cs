using System.Globalization;
using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Annex.Matching;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex info [ITEM ...]` (doc/git-annex-info.mdwn, Command/Info.hs): statistics about the
/// repository, or about each item: a directory, a remote, a repository UUID or description, an
/// annexed file, or a tree-ish. --fast leaves out the statistics that read every location log.
/// Each statistic is a "name: value" line, or a field of the item's JSON object. Only reads: it
/// works in a read-only repository.
/// </summary>
public sealed class InfoCommand : ICommand
{
    public string Name => "info";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Flag("bytes"), OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Flag("autoenable"),
        OptionSpec.Flag("dead-repositories"), OptionSpec.Value("show"),
    ];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        foreach (var opt in new[] { "batch", "autoenable", "dead-repositories" })
            if (args.Has(opt)) throw new UserErrorException($"info --{opt} is not implemented in this version of git-annex");
        var repo = await ctx.InitializedRepoAsync(ct);
        var info = new InfoStats(ctx, repo, args);
        await info.LoadAsync(ct);
        int failed = 0;
        if (args.Params.Count == 0) await info.GlobalAsync(ct);
        else
            foreach (var p in args.Params)
                if (!await info.ItemAsync(p, ct)) failed++;
        ctx.Messages.FlushOut();
        if (failed > 0) ctx.Messages.ErrorRaw($"info: {failed} failed\n");
        return failed > 0 ? 1 : 0;
    }
}

/// <summary>The statistics of one info run (Stat list and StatInfo cache upstream).</summary>
internal sealed class InfoStats(CommandContext ctx, AnnexRepo repo, ParsedArgs args)
{
    /// <summary>Counts and sizes of a set of keys (KeyInfo).</summary>
    private sealed class KeyInfo
    {
        public long Count, Size, UnknownSize;
        public SortedDictionary<string, long> Backends { get; } = new(StringComparer.Ordinal);

        public void Add(Key k, long copies = 1)
        {
            Count++;
            if (k.Size is { } s) Size += s * copies; else UnknownSize++;
            Backends[k.Backend] = Backends.GetValueOrDefault(k.Backend) + 1;
        }
    }

    private UuidDescriptions _descs = null!;
    private IReadOnlyDictionary<Uuid, TrustLevel> _trust = null!;
    private readonly ObjectStore _store = new(repo.Locations);
    private JsonObject? _json;
    private readonly HashSet<string> _show = [.. args.Values("show")];
    private bool Bytes => args.Has("bytes");
    private Messages M => ctx.Messages;

    public async Task LoadAsync(CancellationToken ct)
    {
        _descs = await UuidDescriptions.LoadAsync(repo, ct);
        _trust = await new TrustLogStore(repo).LevelsAsync(ct);
    }

    private TrustLevel LevelOf(Uuid u) => _trust.TryGetValue(u, out var l) ? l : TrustLevel.SemiTrusted;

    private string Size(long n, bool abbreviate = false) =>
        Bytes ? n.ToString(CultureInfo.InvariantCulture) : SizeDisplay.Rough(n, abbreviate);

    private string SizeOf(KeyInfo k) => Size(k.Size) + (k.UnknownSize == 0 ? "" : $" (+ {k.UnknownSize} unknown size)");

    private bool Wanted(string name) => _show.Count == 0 || _show.Contains(name);

    /// <summary>Shows one statistic: "name: text" or a JSON field (with its own JSON value).</summary>
    private void Stat(string name, string text, object? json)
    {
        if (!Wanted(name)) return;
        if (_json != null) _json.Set(name, json);
        else if (M.Mode == OutputMode.Normal) M.Raw(name + ": " + text + "\n");
    }

    private bool Slow => !ctx.Fast || _show.Count > 0;

    private void Begin(string command, string? input)
    {
        if (!M.Json) return;
        _json = new JsonObject().Set("command", command).Set("error-messages", new List<string>())
            .Set("input", input == null ? new List<string>() : new List<string> { input });
    }

    private void End()
    {
        if (_json == null) { M.FlushOut(); return; }
        _json.Set("success", true);
        M.RawJson(_json);
        _json = null;
        M.FlushOut();
    }

    public async Task GlobalAsync(CancellationToken ct)
    {
        if (LevelOf(repo.Uuid) == TrustLevel.Dead) M.Warning("Warning: This repository is currently marked as dead.");
        Begin("info", null);
        foreach (var level in new[] { TrustLevel.Trusted, TrustLevel.SemiTrusted, TrustLevel.Untrusted })
            RepoList(level);
        Stat("transfers in progress", "none", new List<object>());
        Stat("available local disk space", DiskSpace(), DiskSpace());
        if (Slow)
        {
            StaleDir("temporary object directory size", repo.Locations.TmpDir);
            StaleDir("bad keys size", repo.Locations.BadDir);
            var present = PresentData();
            Stat("local annex keys", present.Count.ToString(CultureInfo.InvariantCulture), present.Count);
            Stat("local annex size", SizeOf(present), SizeOf(present));
            var referenced = await ReferencedAsync(".", ct);
            Stat("annexed files in working tree", referenced.Referenced.Count.ToString(CultureInfo.InvariantCulture), referenced.Referenced.Count);
            Stat("size of annexed files in working tree", SizeOf(referenced.Referenced), SizeOf(referenced.Referenced));
            var (all, perRepo) = await AllRepoDataAsync(ct);
            Stat("combined annex size of all repositories", SizeOf(all), SizeOf(all));
            RepoSizes("annex sizes of repositories", perRepo, count: false);
            Stat("backend usage", string.Concat(referenced.Referenced.Backends.Select(kv => $"\n\t{kv.Key}: {kv.Value}")),
                ToJson(referenced.Referenced.Backends));
            Stat("bloom filter size", Bloom(present.Count), Bloom(present.Count));
        }
        End();
    }

    private static JsonObject ToJson(SortedDictionary<string, long> d)
    {
        var o = new JsonObject();
        foreach (var (k, v) in d) o.Set(k, v);
        return o;
    }

    private void RepoList(TrustLevel level)
    {
        var name = level switch { TrustLevel.Trusted => "trusted", TrustLevel.Untrusted => "untrusted", _ => "semitrusted" } + " repositories";
        var us = _descs.All.Where(u => LevelOf(u) == level).ToList();
        var list = _descs.PrettyList(us);
        Stat(name, us.Count == 0 ? "0" : us.Count + "\n" + list.TrimEnd('\n'), _descs.Json(us));
    }

    private string DiskSpace()
    {
        long reserve = DataUnits.TryParse(repo.Config.Get("annex.diskreserve") ?? "", out var r) ? r : 100_000_000;
        try
        {
            var free = new DriveInfo(repo.Locations.AnnexDir).AvailableFreeSpace;
            return $"{Size(Math.Max(0, free - reserve))} (+{Size(reserve)} reserved)";
        }
        catch (IOException) { return "unknown"; }
    }

    private void StaleDir(string name, string dir)
    {
        if (!Directory.Exists(dir)) return;
        long total = Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length);
        if (total == 0) return;
        Stat(name, Size(total) + " (clean up with git-annex unused)", Size(total));
    }

    private KeyInfo PresentData()
    {
        var k = new KeyInfo();
        foreach (var key in _store.AllKeys()) k.Add(key);
        return k;
    }

    /// <summary>annex.bloomcapacity and annex.bloomaccuracy sizing, doubled since unused uses two filters.</summary>
    private string Bloom(long localKeys)
    {
        long capacity = repo.Config.GetLong("annex.bloomcapacity") ?? 500_000;
        long accuracy = repo.Config.GetLong("annex.bloomaccuracy") ?? 10_000_000;
        var bits = -capacity * Math.Log(1.0 / accuracy) / (Math.Log(2) * Math.Log(2));
        long m = 1;
        while (m < bits) m <<= 1;
        var note = localKeys >= capacity ? "appears too small for this repository; adjust annex.bloomcapacity"
            : SizeDisplay.Percentage(localKeys, capacity) + " full";
        var size = Bytes ? (m * 2).ToString(CultureInfo.InvariantCulture) : SizeDisplay.Rough(m * 2, false, committee: true);
        return $"{size} ({note})";
    }

    private sealed record TreeData(KeyInfo Present, KeyInfo Referenced, SortedDictionary<int, long> Variance,
        Dictionary<Uuid, KeyInfo> Repos);

    /// <summary>Annexed files under a work-tree path (matching options apply): present, referenced, and per-repository data.</summary>
    private async Task<TreeData> ReferencedAsync(string path, CancellationToken ct, bool withLocations = false)
    {
        var present = new KeyInfo();
        var referenced = new KeyInfo();
        var variance = new SortedDictionary<int, long>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        var repos = new Dictionary<Uuid, KeyInfo>();
        var matcher = CommandMatcher.Compile(repo, args.Matching);
        var top = ctx.ToTopRelative(repo, path);
        var locations = new LocationLogStore(repo);
        int numcopies = withLocations ? await new NumCopiesStore(repo).NumCopiesAsync(ct) : 0;
        if (repo.Git.IsBare) return new TreeData(present, referenced, variance, repos);
        await foreach (var f in WorkTree.AnnexedFilesAsync(repo, top.Length == 0 ? [] : [top], ct))
        {
            if (matcher != null && !await matcher.MatchAsync(new MatchSubject(f.Path, f.Key, f.Key.Size), ct)) continue;
            if (_store.Has(f.Key)) present.Add(f.Key);
            referenced.Add(f.Key);
            if (!withLocations) continue;
            var locs = await locations.PresentAsync(f.Key, ct);
            var have = locs.Count(u => LevelOf(u) is not (TrustLevel.Untrusted or TrustLevel.Dead));
            var v = have - numcopies;
            variance[v] = variance.GetValueOrDefault(v) + 1;
            foreach (var u in locs)
            {
                if (!repos.TryGetValue(u, out var ki)) repos[u] = ki = new KeyInfo();
                ki.Add(f.Key);
            }
        }
        return new TreeData(present, referenced, variance, repos);
    }

    /// <summary>Every key's location log: the combined size of all copies, and each repository's share (dead ones left out).</summary>
    private async Task<(KeyInfo All, Dictionary<Uuid, KeyInfo> PerRepo)> AllRepoDataAsync(CancellationToken ct)
    {
        var all = new KeyInfo();
        var per = new Dictionary<Uuid, KeyInfo>();
        var locations = new LocationLogStore(repo);
        await foreach (var key in LoggedKeys.AllAsync(repo, ct))
        {
            var alive = (await locations.PresentAsync(key, ct)).Where(u => LevelOf(u) != TrustLevel.Dead).ToList();
            all.Add(key, alive.Count);
            foreach (var u in alive)
            {
                if (!per.TryGetValue(u, out var ki)) per[u] = ki = new KeyInfo();
                ki.Add(key);
            }
        }
        foreach (var u in per.Where(kv => kv.Value.Size == 0).Select(kv => kv.Key).ToList()) per.Remove(u);
        return (all, per);
    }

    private void RepoSizes(string name, Dictionary<Uuid, KeyInfo> data, bool count)
    {
        var l = data.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal).OrderByDescending(kv => kv.Value.Size)
            .Select(kv => (kv.Key, Size: Size(kv.Value.Size, abbreviate: true))).ToList();
        int maxlen = l.Count == 0 ? 0 : l.Max(x => x.Size.Length);
        var s = string.Concat(l.Select(x => "\t" + x.Size.PadLeft(maxlen) + ": " + _descs.Pretty(x.Key) + "\n"));
        var json = _descs.Json(l.Select(x => x.Key), u => ("size", l.First(x => x.Key == u).Size));
        var text = count ? (l.Count == 0 ? "0" : l.Count + "\n" + s.TrimEnd('\n')) : (s.Length == 0 ? "" : "\n" + s.TrimEnd('\n'));
        Stat(name, text, json);
    }

    public async Task<bool> ItemAsync(string p, CancellationToken ct)
    {
        if (Directory.Exists(Path.Combine(ctx.Cwd, p))) { await DirAsync(p, ct); return true; }
        var remotes = await ctx.RemotesAsync(ct);
        if (remotes.FirstOrDefault(r => r.Name == p) is { } remote) { await RemoteAsync(remote, p, ct); return true; }
        var byName = ResolveUuid(p);
        if (byName.Count == 1) { await UuidAsync(byName[0], p, p, ct); return true; }
        if (byName.Count == 0)
        {
            var full = Path.GetFullPath(p, ctx.Cwd);
            if (!repo.Git.IsBare && full.StartsWith(repo.Git.TopDir, StringComparison.Ordinal))
            {
                var top = ctx.ToTopRelative(repo, p);
                await foreach (var f in WorkTree.AnnexedFilesAsync(repo, [top], ct))
                {
                    if (f.Path != top) continue;
                    FileInfoFor(p, f.Key);
                    return true;
                }
            }
            if (await TreeAsync(p, ct)) return true;
            return NoInfo(p, "not a directory or an annexed file or a treeish or a remote or a uuid");
        }
        return NoInfo(p, "multiple repositories match " + p);
    }

    private List<Uuid> ResolveUuid(string p)
    {
        if (p is "here" or ".") return [repo.Uuid];
        if (Uuid.TryParse(p, out var u) && p.Length == 36) return [u];
        var byDesc = _descs.Logged.Where(kv => kv.Value == p).Select(kv => kv.Key).ToList();
        return byDesc;
    }

    private bool NoInfo(string p, string msg)
    {
        M.StartItem("info", p, null, p);
        M.Note(msg);
        M.EndItem(false);
        return false;
    }

    private void FileInfoFor(string file, Key key)
    {
        Begin("info " + file, file);
        Stat("file", file, file);
        var ki = new KeyInfo();
        ki.Add(key);
        Stat("size", SizeOf(ki), SizeOf(ki));
        Stat("key", key.ToString(), key.ToString());
        var present = _store.Has(key);
        Stat("present", present ? "true" : "false", present);
        End();
    }

    private async Task DirAsync(string dir, CancellationToken ct)
    {
        var data = await ReferencedAsync(dir, ct, withLocations: Slow);
        Begin("info " + dir, dir);
        Stat("directory", dir, dir);
        TreeStats(data, worktree: true);
        End();
    }

    private void TreeStats(TreeData data, bool worktree)
    {
        var where = worktree ? "working tree" : "tree";
        Stat("local annex keys", data.Present.Count.ToString(CultureInfo.InvariantCulture), data.Present.Count);
        Stat("local annex size", SizeOf(data.Present), SizeOf(data.Present));
        Stat("annexed files in " + where, data.Referenced.Count.ToString(CultureInfo.InvariantCulture), data.Referenced.Count);
        Stat("size of annexed files in " + where, SizeOf(data.Referenced), SizeOf(data.Referenced));
        if (!Slow) return;
        var variance = data.Variance.Select(kv => ((kv.Key >= 0 ? "+" : "") + kv.Key, kv.Value)).ToList();
        Stat("numcopies stats", string.Concat(variance.Select(v => $"\n\tnumcopies {v.Item1}: {v.Value}")),
            variance.Select(v => new List<object> { v.Item1, v.Value }).ToList());
        RepoSizes("repositories containing these files", data.Repos, count: true);
        var total = new KeyInfo { Size = data.Repos.Values.Sum(k => k.Size), UnknownSize = data.Repos.Values.Sum(k => k.UnknownSize) };
        Stat("combined size of repositories containing these files", SizeOf(total), SizeOf(total));
    }

    private async Task<bool> TreeAsync(string treeish, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(repo.Git, ["ls-tree", "-r", "-z", treeish], ct: ct);
        if (!r.Ok) return false;
        var present = new KeyInfo();
        var referenced = new KeyInfo();
        var repos = new Dictionary<Uuid, KeyInfo>();
        var locations = new LocationLogStore(repo);
        foreach (var rec in r.StdoutText.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var meta = rec[..rec.IndexOf('\t')].Split(' ');
            if (meta[1] != "blob") continue;
            var blob = await repo.CatFile.ReadBlobAsync(meta[2], ct);
            if (blob == null) continue;
            var key = meta[0] == UpdateIndex.SymlinkMode
                ? WorkTree.KeyFromSymlinkTarget(System.Text.Encoding.UTF8.GetString(blob))
                : WorkTree.KeyFromPointer(blob);
            if (key == null) continue;
            if (_store.Has(key)) present.Add(key);
            referenced.Add(key);
            if (!Slow) continue;
            foreach (var u in await locations.PresentAsync(key, ct))
            {
                if (!repos.TryGetValue(u, out var ki)) repos[u] = ki = new KeyInfo();
                ki.Add(key);
            }
        }
        Begin("info " + treeish, treeish);
        Stat("tree", treeish, treeish);
        var where = "tree";
        Stat("local annex keys", present.Count.ToString(CultureInfo.InvariantCulture), present.Count);
        Stat("local annex size", SizeOf(present), SizeOf(present));
        Stat("annexed files in " + where, referenced.Count.ToString(CultureInfo.InvariantCulture), referenced.Count);
        Stat("size of annexed files in " + where, SizeOf(referenced), SizeOf(referenced));
        if (Slow)
        {
            Stat("numcopies stats", "", new List<object>());
            RepoSizes("repositories containing these files", repos, count: true);
            var total = new KeyInfo { Size = repos.Values.Sum(k => k.Size), UnknownSize = repos.Values.Sum(k => k.UnknownSize) };
            Stat("combined size of repositories containing these files", SizeOf(total), SizeOf(total));
        }
        End();
        return true;
    }

    private void UuidStats(Uuid u)
    {
        Stat("uuid", u.Value, u.Value);
        var d = _descs.Pretty(u);
        var desc = d.Contains(" -- ", StringComparison.Ordinal) ? d[(d.IndexOf(" -- ", StringComparison.Ordinal) + 4)..] : "";
        Stat("description", desc, desc);
        var trust = LevelOf(u) switch
        {
            TrustLevel.Trusted => "trusted", TrustLevel.Untrusted => "untrusted", TrustLevel.Dead => "dead", _ => "semitrusted",
        };
        Stat("trust", trust, trust);
    }

    private async Task UuidSlowAsync(Uuid u, CancellationToken ct)
    {
        if (!Slow) return;
        var ki = new KeyInfo();
        var locations = new LocationLogStore(repo);
        await foreach (var key in LoggedKeys.AllAsync(repo, ct))
            if ((await locations.PresentAsync(key, ct)).Contains(u)) ki.Add(key);
        Stat("remote annex keys", ki.Count.ToString(CultureInfo.InvariantCulture), ki.Count);
        Stat("remote annex size", SizeOf(ki), SizeOf(ki));
    }

    private async Task UuidAsync(Uuid u, string name, string input, CancellationToken ct)
    {
        Begin("info " + name, input);
        UuidStats(u);
        await UuidSlowAsync(u, ct);
        End();
    }

    private async Task RemoteAsync(IRemote r, string input, CancellationToken ct)
    {
        Begin("info " + r.Name, input);
        UuidStats(r.Uuid);
        Stat("remote", r.Name, r.Name);
        var cost = r.Cost.ToString(CultureInfo.InvariantCulture) + ".0";
        Stat("cost", cost, cost);
        if (r is Core.Remotes.Special.SpecialRemote special)
        {
            Stat("type", special.Type.Name, special.Type.Name);
            Stat("available", "true", "true");
            foreach (var (field, value) in special.Info()) Stat(field, value, value);
            await UuidSlowAsync(r.Uuid, ct);
            End();
            return;
        }
        Stat("type", "git", "git");
        Stat("available", "true", "true");
        var location = r.Location;
        Stat("repository location", location, location);
        var refsDir = Path.Combine(repo.Git.GitDir, "refs", "remotes", r.Name);
        var synced = Directory.Exists(refsDir)
            ? Directory.EnumerateFiles(refsDir, "*", SearchOption.AllDirectories).Select(f => File.GetLastWriteTimeUtc(f)).DefaultIfEmpty().Max()
            : default;
        var lastSynced = synced == default ? "never"
            : new DateTime(synced.Ticks - synced.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
        Stat("last synced", lastSynced, lastSynced);
        var proxied = repo.Config.Get($"remote.{r.Name}.annex-proxied-by") != null ? "true" : "false";
        Stat("proxied", proxied, proxied);
        await UuidSlowAsync(r.Uuid, ct);
        End();
    }
}
