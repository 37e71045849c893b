using System.Text;
using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Matching;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Remotes.Web;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex addurl URL ...` (doc/git-annex-addurl.mdwn, Command/AddUrl.hs, only the web remote's path: no special
/// remote claims URLs here and youtube-dl is never used): downloads each URL, adds it as `add` would (annexed under
/// the backend's key, or to git when annex.largefiles says it is small) and records the URL for the key in the web log.
/// --fast and --relaxed add a VURL key without downloading.
/// </summary>
public sealed class AddUrlCommand : ICommand
{
    public string Name => "addurl";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("file"), OptionSpec.Value("prefix"), OptionSpec.Value("suffix"), OptionSpec.Value("pathdepth"),
        OptionSpec.Flag("relaxed"), OptionSpec.Flag("verifiable", 'V'), OptionSpec.Flag("raw"), OptionSpec.Flag("no-raw"),
        OptionSpec.Value("raw-except"), OptionSpec.Flag("preserve-filename"), OptionSpec.Flag("check-gitignore"),
        OptionSpec.Flag("no-check-gitignore"), OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Flag("with-files"),
    ];

    private sealed record Settings(bool Relaxed, bool Fast, string? File, string? Prefix, string? Suffix, int? PathDepth, bool CheckGitIgnore);

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (repo.Git.IsBare) throw new UserErrorException("You cannot run this command in a bare repository.");
        int? depth = args.Value("pathdepth") is { } d
            ? int.TryParse(d, out var n) ? n : throw new UserErrorException($"option --pathdepth: cannot parse value `{d}'")
            : null;
        var settings = new Settings(args.Has("relaxed"), ctx.Fast, args.Value("file"), args.Value("prefix"), args.Value("suffix"), depth,
            !args.Has("no-check-gitignore"));
        var adder = await Adder.CreateAsync(ctx, repo, ct);
        var runner = new ItemRunner(ctx, "addurl");
        try
        {
            if (args.Has("batch"))
            {
                if (args.Params.Count > 0) throw new UserErrorException("Cannot mix --batch with command line parameters\n");
                using var stdin = Console.OpenStandardInput();
                var reader = new BufferedReader(stdin);
                while (await reader.ReadUntilAsync(args.Has("z") ? (byte)0 : (byte)'\n', ct) is { } raw)
                {
                    var line = Encoding.UTF8.GetString(raw);
                    if (!args.Has("with-files")) { await OneAsync(ctx, repo, adder, runner, settings, line, ct); continue; }
                    int sp = line.IndexOf(' ');
                    if (sp <= 0 || sp == line.Length - 1)
                        throw new UserErrorException("Batch input parse failure: parsed empty url or filename in input: " + line);
                    await OneAsync(ctx, repo, adder, runner, settings with { File = line[(sp + 1)..] }, line[..sp], ct);
                }
            }
            else
            {
                foreach (var url in args.Params) await OneAsync(ctx, repo, adder, runner, settings, url, ct);
            }
        }
        finally { await adder.FinishAsync(ct); }
        return runner.Finish();
    }

    private static async Task OneAsync(CommandContext ctx, AnnexRepo repo, Adder adder, ItemRunner runner, Settings o, string url, CancellationToken ct)
    {
        var m = ctx.Messages;
        var access = new UrlAccess(repo.Config);
        var urls = new UrlLogStore(repo);
        m.StartItem("addurl", null, null, url, displayName: url);
        if (o.File != null) m.Field("file", o.File);
        await runner.RunAsync(async () =>
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new UserErrorException($"bad url {url}");
            UrlInfo info;
            if (o.Relaxed) info = new UrlInfo(true, null, null);
            else
            {
                try { info = await access.InfoAsync(url, ct); }
                catch (UserErrorException e) { m.ItemWarning(e.Message); return false; }
            }
            var file = o.File ?? (info.SuggestedFile is { } sf && UrlFileName.Sanitize(sf) is var s
                && !File.Exists(Path.Combine(ctx.Cwd, s)) && !Directory.Exists(Path.Combine(ctx.Cwd, s))
                    ? s : UrlFileName.FromUrl(uri, o.PathDepth));
            file = (o.Prefix ?? "") + file + (o.Suffix ?? "");
            var top = ctx.ToTopRelative(repo, file);
            var full = Path.Combine(repo.Git.TopDir, top);

            if (await ReinjectCommand.LookupKeyAsync(ctx, repo, file, ct) is { } existing)
                return await AddUrlCheckedAsync(ctx, repo, urls, o, info, url, file, existing, ct);

            if (o.Fast || o.Relaxed)
            {
                if (!info.Exists) { m.ItemWarning("unable to access url: " + url); return false; }
                if (!await CanAddAsync(ctx, repo, o, top, file, ct)) return false;
                var key = new Key("VURL", UrlKeyName(url), size: info.Size);
                Destination(ctx, file);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                m.Field("key", key.ToString());
                await urls.SetPresentAsync(key, url, ct);
                await adder.AddWithoutContentAsync(top, key, ct);
                return true;
            }

            var dummy = new Key("VURL", UrlKeyName(url), size: info.Size);
            var tmp = repo.Locations.TmpObjectPath(dummy);
            try { await access.DownloadAsync(url, tmp, n => m.Progress(n, info.Size), ct); }
            catch (UserErrorException e)
            {
                File.Delete(tmp);
                m.ItemWarning(e.Message);
                return false;
            }
            if (!await CanAddAsync(ctx, repo, o, top, file, ct)) { File.Delete(tmp); return false; }
            Destination(ctx, file);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.Move(tmp, full);
            var added = await adder.AddDownloadedAsync(top, ct);
            if (added != null) await urls.SetPresentAsync(added, url, ct); // the web has it too
            return true;
        });
    }

    /// <summary>addUrlChecked: a URL for a file already annexed is recorded when it exists and has the key's size.</summary>
    private static async Task<bool> AddUrlCheckedAsync(CommandContext ctx, AnnexRepo repo, UrlLogStore urls, Settings o, UrlInfo info,
        string url, string file, Key key, CancellationToken ct)
    {
        if ((await urls.UrlsAsync(key, ct)).Contains(url)
            && (await new LocationLogStore(repo).PresentAsync(key, ct)).Contains(UrlLogStore.WebUuid))
        {
            Destination(ctx, file);
            return true;
        }
        bool sameSize = info.Size == (key.Size ?? info.Size);
        if (info.Exists && (sameSize || o.Relaxed))
        {
            await urls.SetPresentAsync(key, url, ct);
            return true;
        }
        ctx.Messages.ItemWarning("while adding a new url to an already annexed file, " + (info.Exists
            ? "url does not have expected file size (use --relaxed to bypass this check) " + url
            : "failed to verify url exists: " + url));
        return false;
    }

    /// <summary>Backend/URL.hs fromUrl: the key name is the URL itself (long ones shortened with an md5).</summary>
    private static string UrlKeyName(string url) => UrlBackend.KeyFor(url).Name;

    private static void Destination(CommandContext ctx, string file)
    {
        ctx.Messages.Note("to " + file);
        ctx.Messages.Field("file", file);
    }

    /// <summary>checkCanAdd: nothing already at the path, and (unless --no-check-gitignore) not a .gitignored path.</summary>
    private static async Task<bool> CanAddAsync(CommandContext ctx, AnnexRepo repo, Settings o, string top, string file, CancellationToken ct)
    {
        var full = Path.Combine(repo.Git.TopDir, top);
        if (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget != null)
        {
            ctx.Messages.ItemWarning(file + " already exists; not overwriting");
            return false;
        }
        if (o.CheckGitIgnore && (await GitCli.RunAsync(repo.Git, ["check-ignore", "-q", "--", top], ct: ct)).Ok)
        {
            ctx.Messages.ItemWarning($"not adding {file} which is .gitignored (use --no-check-gitignore to override)");
            return false;
        }
        return true;
    }

    /// <summary>Adds files as `add` does: locked or unlocked (annex.addunlocked, unlocking adjusted branches), or to git when small.</summary>
    private sealed class Adder(CommandContext ctx, AnnexRepo repo, Core.Annex.Matching.Expression largefiles, bool adjustedUnlocked, bool? addUnlocked,
        Core.Annex.Matching.Expression? addUnlockedExpr, StagePaths stage, LinkStager links)
    {
        private readonly Ingest _ingest = new(repo);
        private readonly List<string> _toGit = [];

        public static async Task<Adder> CreateAsync(CommandContext ctx, AnnexRepo repo, CancellationToken ct)
        {
            var settings = new ConfigLogStore(repo);
            var largefiles = LargeFiles.Compile(await settings.EffectiveAsync("annex.largefiles", ct));
            bool adjustedUnlocked = !repo.CoreSymlinks
                || await Core.Annex.Adjust.AddUnlocked.OnAdjustedBranchAsync(repo.Git, contentPresent: true, ct);
            var au = await settings.EffectiveAsync("annex.addunlocked", ct);
            bool? auBool = au == null ? false : GitConfig.ParseBool(au);
            return new Adder(ctx, repo, largefiles, adjustedUnlocked, auBool, auBool == null ? LargeFiles.Compile(au) : null,
                new StagePaths(repo.Git), new LinkStager(repo));
        }

        private async Task<bool> UnlockedAsync(string top, long? size, CancellationToken ct) =>
            adjustedUnlocked || (addUnlocked ?? await addUnlockedExpr!.MatchAsync(
                new MatchSubject(top, null, size, Path.Combine(repo.Git.TopDir, top)), ct));

        /// <summary>The downloaded file is in the work tree; returns its key, or null when it went to git as a small file.</summary>
        public async Task<Key?> AddDownloadedAsync(string top, CancellationToken ct)
        {
            var full = Path.Combine(repo.Git.TopDir, top);
            long size = new FileInfo(full).Length;
            if (!await largefiles.MatchAsync(new MatchSubject(top, null, size, full), ct))
            {
                ctx.Messages.Note("non-large file; adding content to git repository");
                _toGit.Add(top);
                return null;
            }
            var backend = await MigrateCommand.ChooseBackendAsync(ctx, repo, top, ct);
            bool unlocked = await UnlockedAsync(top, size, ct);
            var key = unlocked ? await _ingest.AddUnlockedAsync(top, backend, ct) : await _ingest.AddLockedAsync(top, backend, ct);
            ctx.Messages.Field("key", key.ToString());
            await stage.AddAsync(top, ct);
            return key;
        }

        /// <summary>A key whose content is not here (--fast, --relaxed): a symlink, or a pointer file when added unlocked.</summary>
        public async Task AddWithoutContentAsync(string top, Key key, CancellationToken ct)
        {
            if (await UnlockedAsync(top, key.Size, ct))
            {
                await using var index = new UpdateIndex(repo.Git);
                await Core.Annex.Adjust.AddUnlocked.WriteAndStageAsync(repo, index, top, key, exec: false, ct);
                await index.FinishAsync(ct);
            }
            else
            {
                _ingest.MakeSymlink(top, key);
                await links.StageAsync(top, key, ct);
            }
        }

        public async Task FinishAsync(CancellationToken ct)
        {
            await stage.FinishAsync(ct);
            await links.FinishAsync(ct);
            await AddCommand.GitAddAsync(repo, _toGit, ct);
        }
    }
}
