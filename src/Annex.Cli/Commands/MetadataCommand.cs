using System.Text;
using System.Text.Json;
using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex metadata [PATH ...]` (doc/git-annex-metadata.mdwn, Command/MetaData.hs): shows each
/// file's metadata, or changes it with -s/-t/-u/-r/--remove-all (only on files named one by one unless
/// --force), or gets one field with -g. --batch (JSON mode only) reads {"file"|"key", "fields"} lines.
/// </summary>
public sealed class MetadataCommand : ICommand
{
    public string Name => "metadata";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("get", 'g'), OptionSpec.Value("set", 's'), OptionSpec.Value("tag", 't'),
        OptionSpec.Value("untag", 'u'), OptionSpec.Value("remove", 'r'), OptionSpec.Flag("remove-all"),
        OptionSpec.Flag("all", 'A'), OptionSpec.Value("branch"), OptionSpec.Flag("unused", 'U'), OptionSpec.Value("key"),
        OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'),
    ];

    private AnnexRepo? _repo;

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        foreach (var opt in new[] { "branch", "unused" })
            if (args.Has(opt)) throw new UserErrorException($"metadata --{opt} is not implemented in this version of git-annex");
        var mods = ParseMods(args);
        var get = args.Value("get");
        if (get != null && mods.Count > 0) throw new UsageException("Invalid option combination: --get with changes");
        if (get != null) MetaDataEdit.CheckedField(get);
        var repo = _repo = await ctx.InitializedRepoAsync(ct);
        var store = new MetadataStore(repo);
        var runner = new ItemRunner(ctx, "metadata");

        if (args.Has("batch"))
        {
            if (!ctx.Messages.Json) throw new UserErrorException("--batch is currently only supported in --json mode");
            if (args.Matching.Count > 0)
                throw new UserErrorException("combining --batch with file matching options is not currently supported");
            await BatchAsync(ctx, repo, store, args.Has("z"), ct);
            return runner.Finish();
        }

        if (args.Has("all") || args.Value("key") != null)
        {
            IAsyncEnumerable<Key> keys = args.Value("key") is { } k
                ? One(Key.TryParse(k, out var kk) ? kk : throw new UserErrorException($"bad key {k}"))
                : LoggedKeys.AllAsync(repo, ct);
            await foreach (var key in keys)
                await ItemAsync(ctx, store, runner, key, null, null, get, mods, ct);
            return runner.Finish();
        }

        if (mods.Count > 0 && !ctx.Force) await RefuseRecursiveAsync(ctx, repo, args.Params, ct);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            var display = ctx.Display(repo, file.Path);
            await ItemAsync(ctx, store, runner, file.Key, display, args.Params.Count == 0 ? display : input, get, mods, ct);
        }
        await ctx.FinishAsync(ct);
        return runner.Finish();
    }

    private static async IAsyncEnumerable<Key> One(Key k)
    {
        await Task.CompletedTask;
        yield return k;
    }

    private static List<ModMeta> ParseMods(ParsedArgs args)
    {
        var mods = new List<ModMeta>();
        try
        {
            mods.AddRange(args.Values("set").Select(MetaDataEdit.ParseSet));
            mods.AddRange(args.Values("tag").Select(t => new ModMeta.Add("tag", t)));
            mods.AddRange(args.Values("untag").Select(t => new ModMeta.Del("tag", t)));
            mods.AddRange(args.Values("remove").Select(f => new ModMeta.Del(MetaDataEdit.CheckedField(f), null)));
        }
        catch (UserErrorException e)
        {
            throw new UsageException("option -s: " + e.Message);
        }
        if (args.Has("remove-all")) mods.Add(new ModMeta.DelAll());
        return mods;
    }

    /// <summary>withFilesInGitAnnexNonRecursive: each path must name exactly one file (itself).</summary>
    private static async Task RefuseRecursiveAsync(CommandContext ctx, AnnexRepo repo, IReadOnlyList<string> paths, CancellationToken ct)
    {
        const string msg = "Not recursively setting metadata. Use --force to do that.";
        if (paths.Count == 0) throw new UserErrorException(msg);
        foreach (var p in paths)
        {
            var top = ctx.ToTopRelative(repo, p);
            var files = new List<string>();
            await foreach (var e in LsFiles.StagedAsync(repo.Git, top.Length == 0 ? [] : [top], ct))
            {
                if (files.Count == 0 || files[^1] != e.Path) files.Add(e.Path);
                if (files.Count > 1) break;
            }
            if (files.Count == 0) continue;
            if (files.Count > 1 || files[0] != top) throw new UserErrorException(msg);
        }
    }

    private async Task ItemAsync(CommandContext ctx, MetadataStore store, ItemRunner runner, Key key, string? file,
        string? input, string? get, IReadOnlyList<ModMeta> mods, CancellationToken ct)
    {
        if (get != null)
        {
            var m = await CurrentAsync(_repo!, key, ct);
            if (m.Fields.TryGetValue(get, out var vs))
                foreach (var v in vs.Where(v => v.IsSet)) ctx.Messages.Raw(v.Text + "\n");
            return;
        }
        ctx.Messages.StartItem("metadata", file, key.ToString(), input);
        await runner.RunAsync(async () =>
        {
            await ChangeAndShowAsync(ctx, store, key, mods, ct);
            return true;
        });
    }

    private async Task ChangeAndShowAsync(CommandContext ctx, MetadataStore store, Key key, IReadOnlyList<ModMeta> mods,
        CancellationToken ct)
    {
        if (mods.Count > 0)
        {
            var change = MetaDataEdit.Combine(await store.GetAsync(key, ct), mods);
            if (!change.IsEmpty) await store.ChangeAsync(key, change, ct);
        }
        var m = await CurrentAsync(_repo!, key, ct);
        var fields = new JsonObject();
        var lines = new List<string>();
        foreach (var (f, vs) in m.Fields)
        {
            var set = vs.Where(v => v.IsSet).Select(v => v.Text).ToList();
            fields.Set(f, set);
            lines.AddRange(set.Select(v => f + "=" + v));
        }
        var msgs = ctx.Messages;
        if (msgs.Json)
        {
            msgs.Field("fields", fields);
            msgs.Field("note", string.Concat(lines.Select(l => l + "\n")));
        }
        else if (msgs.Mode == OutputMode.Normal)
            msgs.Raw("\n" + string.Join("\n", lines.Select(l => "  " + l)) + "\n");
    }

    private static async Task<MetaData> CurrentAsync(AnnexRepo repo, Key key, CancellationToken ct) =>
        MetaDataEdit.CurrentWithDates(MetaDataLog.Parse(await repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".met"), ct) ?? []));

    /// <summary>--batch --json: one JSON object per input line; a file that is not annexed gets an empty line.</summary>
    private async Task BatchAsync(CommandContext ctx, AnnexRepo repo, MetadataStore store, bool nul, CancellationToken ct)
    {
        using var stdin = Console.OpenStandardInput();
        var reader = new BufferedReader(stdin);
        var runner = new ItemRunner(ctx, "metadata");
        while (await reader.ReadUntilAsync(nul ? (byte)0 : (byte)'\n', ct) is { } raw)
        {
            var line = Encoding.UTF8.GetString(raw);
            Key? key = null;
            string? file = null;
            var mods = new List<ModMeta>();
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.TryGetProperty("key", out var k) && k.GetString() is { } ks && Key.TryParse(ks, out var parsed)) key = parsed;
                else if (root.TryGetProperty("file", out var f) && f.GetString() is { } fs)
                {
                    file = fs;
                    key = await LookupStagedAsync(ctx, repo, fs, ct);
                }
                else throw new UserErrorException("JSON input is missing either file or key");
                if (root.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Object)
                    foreach (var p in fields.EnumerateObject())
                    {
                        var values = p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
                        var field = MetaDataEdit.CheckedField(p.Name);
                        mods.Add(values.Count == 0 ? new ModMeta.Del(field, null) : new ModMeta.Set(field, values));
                    }
            }
            catch (JsonException e)
            {
                throw new UserErrorException(e.Message);
            }
            if (key == null) { ctx.Messages.Raw("\n"); ctx.Messages.FlushOut(); continue; }
            ctx.Messages.StartItem("metadata", file, key.ToString(), line);
            await runner.RunAsync(async () =>
            {
                await ChangeAndShowAsync(ctx, store, key, mods, ct);
                return true;
            });
            if (mods.Count > 0) await Task.Delay(1, ct); // distinct timestamps for successive changes
        }
    }

    private static async Task<Key?> LookupStagedAsync(CommandContext ctx, AnnexRepo repo, string file, CancellationToken ct)
    {
        var top = ctx.ToTopRelative(repo, file);
        await foreach (var f in WorkTree.AnnexedFilesAsync(repo, [top], ct))
            if (f.Path == top) return f.Key;
        return null;
    }
}
