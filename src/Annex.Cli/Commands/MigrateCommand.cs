using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex migrate [PATH ...]` (doc/git-annex-migrate.mdwn, Command/Migrate.hs): re-keys annexed files
/// whose content is here to the backend chosen for them (--backend, else the annex.backend gitattribute,
/// else annex.backend, else SHA256E), or adds a missing size field. The old content is checked against
/// its key, copied (verified) to the new key, the file re-pointed and staged, and the migration recorded
/// in the git-annex branch (<see cref="MigrationLog"/>). The old object stays until dropunused.
/// </summary>
public sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Flag("update"), OptionSpec.Flag("apply"), OptionSpec.Flag("remove-size")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (args.Has("update") || args.Has("apply"))
        {
            if (args.Params.Count > 0) throw new UserErrorException("Cannot combine --update or --apply with files to migrate.");
            return await DistributedAsync(ctx, repo, incremental: !args.Has("apply"), ct);
        }
        var runner = new ItemRunner(ctx, "migrate");
        var store = new ObjectStore(repo.Locations);
        var staged = await StagedShasAsync(ctx, repo, args.Params, ct);
        await using var index = new UpdateIndex(repo.Git);
        try
        {
            await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
            {
                var oldBackend = Backends.ForKey(file.Key);
                if (oldBackend == null || !staged.TryGetValue(file.Path, out var oldSha)) continue;
                bool exists = store.Has(file.Key);
                var newBackend = await ChooseBackendAsync(ctx, repo, file.Path, ct);
                bool removeSize = args.Has("remove-size");
                bool onlyTweakSize;
                if ((newBackend != oldBackend || Upgradable(file.Key) || ctx.Force) && exists) onlyTweakSize = false;
                else if (removeSize ? file.Key.Size != null
                         : newBackend == oldBackend && file.Key.Size == null && exists) onlyTweakSize = true;
                else continue;

                ctx.Messages.StartItem("migrate", ctx.Display(repo, file.Path), file.Key.ToString(), input);
                await runner.RunAsync(() => MigrateOneAsync(ctx, repo, index, file, oldSha, newBackend, onlyTweakSize, removeSize, ct));
            }
        }
        finally
        {
            await index.FinishAsync(ct);
            await MigrationLog.CommitAsync(repo, ct);
        }
        return runner.Finish();
    }

    /// <summary>
    /// --update / --apply: migrations other repositories recorded are applied here. When this repository has
    /// the old key's content and not the new key's, the content is copied (always verified: the branch could
    /// have been given bad records) to the new key; a new key this repository once had and dropped is left alone.
    /// </summary>
    private static async Task<int> DistributedAsync(CommandContext ctx, AnnexRepo repo, bool incremental, CancellationToken ct)
    {
        var runner = new ItemRunner(ctx, "migrate");
        var store = new ObjectStore(repo.Locations);
        var (found, branch, skipped) = await MigrationLog.ScanAsync(repo, incremental, ct);
        foreach (var m in found)
        {
            if (store.Has(m.NewKey) || store.PathOf(m.OldKey) is not { } oldObj) continue;
            var log = Core.Logs.PresenceLog.Parse(await repo.Branch.ReadAsync(Locations.LocationLogPath(m.NewKey), ct) ?? []);
            if (log.Lines.Any(l => l.Info == repo.Uuid.Value && l.Status != Core.Logs.PresenceStatus.Present)) continue;
            ctx.Messages.StartItem("migrate", null, m.NewKey.ToString());
            await runner.RunAsync(async () =>
            {
                if (Backends.ForKey(m.NewKey) is { CanVerify: true }) ctx.Messages.Note("checksum...");
                await Transfer.FetchAsync(repo.Locations, m.NewKey, oldObj, ct);
                await new LocationLogStore(repo).SetAsync(m.NewKey, repo.Uuid, present: true, ct);
                return true;
            });
        }
        MigrationLog.RecordScanned(repo.Locations, branch, skipped);
        return runner.Finish();
    }

    private static async Task<bool> MigrateOneAsync(CommandContext ctx, AnnexRepo repo, UpdateIndex index, AnnexedFile file,
        string oldSha, IBackend newBackend, bool onlyTweakSize, bool removeSize, CancellationToken ct)
    {
        var oldKey = file.Key;
        var oldObj = repo.Locations.PresentObjectPath(oldKey) ?? throw new UserErrorException("content not present");
        Key newKey;
        if (onlyTweakSize) newKey = oldKey with { Size = new FileInfo(oldObj).Length };
        else
        {
            // The new key is made first, then the old content checked: it cannot change in between unnoticed.
            newKey = newBackend.GenerateKey(oldObj, new Ingest(repo).KeyGenOptionsFor(file.Path), cancellationToken: ct);
            if (Backends.ForKey(oldKey) is { CanVerify: true })
            {
                ctx.Messages.Note("checksum...");
                if (Backends.VerifyFile(oldKey, oldObj, ct) != true)
                    throw new UserErrorException($"{file.Path}: content does not match its key {oldKey}; run git annex fsck");
            }
        }
        if (removeSize) newKey = newKey with { Size = null };

        var store = new ObjectStore(repo.Locations);
        if (!store.Has(newKey))
        {
            if (Backends.ForKey(newKey) is { CanVerify: true }) ctx.Messages.Note("checksum...");
            await Transfer.FetchAsync(repo.Locations, newKey, oldObj, ct);
        }
        await CopyKeyLogAsync(repo, oldKey, newKey, ".met", ct);
        await CopyKeyLogAsync(repo, oldKey, newKey, ".web", ct);

        var full = Path.Combine(repo.Git.TopDir, file.Path);
        string newSha;
        if (new FileInfo(full).LinkTarget != null)
        {
            new Ingest(repo).MakeSymlink(file.Path, newKey);
            newSha = await repo.HashObject.HashBytesAsync(System.Text.Encoding.UTF8.GetBytes(Locations.SymlinkTarget(newKey, file.Path)), ct);
            await index.StageAsync(UpdateIndex.SymlinkMode, newSha, file.Path, ct);
        }
        else
        {
            var pointer = System.Text.Encoding.UTF8.GetBytes(WorkTree.PointerContent(newKey));
            var mode = File.Exists(full) ? File.GetUnixFileMode(full) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (File.Exists(full) && WorkTree.LookupKey(full, out _) != null)
            {
                AtomicFile.Write(full, pointer, durable: false);
                File.SetUnixFileMode(full, mode);
            }
            newSha = await repo.HashObject.HashBytesAsync(pointer, ct);
            bool exec = (mode & UnixFileMode.UserExecute) != 0;
            await index.StageAsync(exec ? UpdateIndex.ExecMode : UpdateIndex.FileMode, newSha, file.Path, ct);
        }
        if (store.Has(newKey)) await new LocationLogStore(repo).SetAsync(newKey, repo.Uuid, present: true, ct);
        MigrationLog.Append(repo.Locations, oldSha, newSha);
        return true;
    }

    /// <summary>Metadata and URLs of the old key carry over to the new one (unless it already has its own).</summary>
    private static async Task CopyKeyLogAsync(AnnexRepo repo, Key oldKey, Key newKey, string suffix, CancellationToken ct)
    {
        var old = await repo.Branch.ReadAsync(Locations.KeyLogPath(oldKey, suffix), ct);
        if (old is not { Length: > 0 }) return;
        var newPath = Locations.KeyLogPath(newKey, suffix);
        if (await repo.Branch.ReadAsync(newPath, ct) is { Length: > 0 }) return;
        await repo.Branch.WriteAsync(newPath, old, ct);
    }

    /// <summary>Keys an older git-annex made that a migration to the same backend fixes: no size, or an extension in a non-E key.</summary>
    private static bool Upgradable(Key key) =>
        key.Size == null || (!key.HasExtension && key.Name.Contains('.') && Backends.ForKey(key) is HashBackend);

    /// <summary>Backend.hs chooseBackend: --backend, else the annex.backend attribute, else annex.backend, else the default.</summary>
    public static async Task<IBackend> ChooseBackendAsync(CommandContext ctx, AnnexRepo repo, string topRelative, CancellationToken ct)
    {
        string? name = ctx.Globals.Value("backend");
        if (name == null)
        {
            var r = await GitCli.RunAsync(repo.Git, ["check-attr", "-z", "annex.backend", "--", topRelative], ct: ct);
            var parts = r.StdoutText.Split('\0');
            if (r.Ok && parts.Length >= 3 && parts[2] is { Length: > 0 } v && v != "unspecified" && v != "unset" && v != "set"
                && Backends.ByName(v) is { } attr)
                return attr;
        }
        name ??= repo.Config.Get("annex.backend") ?? repo.Config.Get("annex.backends")?.Split(' ')[0];
        if (string.IsNullOrEmpty(name)) return Backends.Default;
        return Backends.ByName(name) ?? throw new UserErrorException($"unknown backend {name}");
    }

    /// <summary>Staged blob of each file under the given paths: the record of the old side of a migration.</summary>
    private static async Task<Dictionary<string, string>> StagedShasAsync(CommandContext ctx, AnnexRepo repo, IReadOnlyList<string> inputs, CancellationToken ct)
    {
        var paths = inputs.Select(p => ctx.ToTopRelative(repo, p)).Where(p => p.Length > 0).ToList();
        if (inputs.Count > 0 && paths.Count < inputs.Count) paths = [];
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in LsFiles.StagedAsync(repo.Git, paths, ct))
            if (e.Stage <= 1) d[e.Path] = e.Sha;
        return d;
    }
}
