using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Annex.Matching;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex import PATH...` without --from (Command/Import.hs startLocal): files under each PATH are moved
/// (copied with --duplicate or --skip-duplicates) to the same relative place under the current directory and
/// added. A duplicate is content whose key has a location log: --deduplicate and --clean-duplicates delete it
/// from the import location instead, only once its content is verified here (the only copy counted, so a
/// source is never deleted on the word of a remote that was not checked); --skip-duplicates leaves it.
/// --reinject-duplicates is not implemented.
/// </summary>
internal static class ImportLocalFiles
{
    private enum Mode { Default, Duplicate, DeDuplicate, CleanDuplicates, SkipDuplicates }

    public static async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (args.Has("reinject-duplicates")) throw new UserErrorException("import --reinject-duplicates is not implemented in this version of git-annex");
        var modes = new[] { ("duplicate", Mode.Duplicate), ("deduplicate", Mode.DeDuplicate), ("clean-duplicates", Mode.CleanDuplicates), ("skip-duplicates", Mode.SkipDuplicates) }
            .Where(m => args.Has(m.Item1)).Select(m => m.Item2).ToList();
        if (modes.Count > 1) throw new UserErrorException("Only one duplication option may be given");
        var mode = modes.Count == 1 ? modes[0] : Mode.Default;
        if (args.Params.Count == 0) throw new UserErrorException("Specify files or directories to import");
        var top = Path.GetFullPath(repo.Git.TopDir);
        var sources = new List<(string Src, string Dest)>();
        foreach (var p in args.Params)
        {
            var abs = Path.GetFullPath(p, ctx.Cwd);
            if (abs == top || abs.StartsWith(top + "/", StringComparison.Ordinal))
                throw new UserErrorException($"cannot import files from inside the working tree (use git annex add instead): {p}");
            if (Directory.Exists(abs))
            {
                var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(abs))!;
                foreach (var f in Directory.EnumerateFiles(abs, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                             .Where(f => !f.Split('/').Contains(".git")).Order(StringComparer.Ordinal))
                    sources.Add((f, Path.GetRelativePath(parent, f)));
            }
            else if (File.Exists(abs)) sources.Add((abs, Path.GetFileName(abs)));
            else throw new UserErrorException($"{p} does not exist");
        }

        var backend = AddCommand.ChooseBackend(ctx, repo);
        var largefiles = LargeFiles.Compile(await new ConfigLogStore(repo).EffectiveAsync("annex.largefiles", ct));
        bool unlocked = !repo.CoreSymlinks || await Core.Annex.Adjust.AddUnlocked.OnAdjustedBranchAsync(repo.Git, contentPresent: true, ct)
            || GitConfig.ParseBool(await new ConfigLogStore(repo).EffectiveAsync("annex.addunlocked", ct) ?? "false") == true;
        var ingest = new Ingest(repo);
        var runner = new ItemRunner(ctx, "import");
        await using var stage = new StagePaths(repo.Git);
        var toGit = new List<string>();
        var (numCopies, _) = await ctx.CopiesPolicyAsync(repo, ct);
        foreach (var (src, dest) in sources)
        {
            if (Posix.TryStat(src, follow: false) is not { } st || (st.Mode & 0xF000) != 0x8000) continue; // regular files only
            var destTop = ctx.ToTopRelative(repo, dest);
            var destFull = Path.Combine(top, destTop);
            ctx.Messages.StartItem("import", ctx.Display(repo, destTop), null, dest);
            await runner.RunAsync(async () =>
            {
                var key = backend.GenerateKey(src, ingest.KeyGenOptionsFor(destTop), cancellationToken: ct);
                bool known = (await repo.Branch.ReadAsync(Locations.LocationLogPath(key), ct))?.Length > 0;
                if (known && mode is Mode.DeDuplicate or Mode.CleanDuplicates)
                {
                    ctx.Messages.Note("duplicate of " + key);
                    if (numCopies > 1 || !new ObjectStore(repo.Locations).Has(key))
                    {
                        ctx.Messages.ItemWarning("Could not verify that the content is still present in the annex; not removing from the import location.");
                        return false;
                    }
                    File.Delete(src);
                    return true;
                }
                if (mode == Mode.CleanDuplicates || (known && mode == Mode.SkipDuplicates))
                {
                    ctx.Messages.Note((known ? "duplicate" : "not duplicate") + "; skipping");
                    return true;
                }
                if (Posix.TryStat(destFull, follow: false) != null && !ctx.Force)
                {
                    ctx.Messages.ItemWarning($"not overwriting existing {dest} (use --force to override, or a duplication option such as --deduplicate to clean up)");
                    return false;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destFull)!);
                if (File.Exists(destFull)) File.Delete(destFull);
                if (mode is Mode.Duplicate or Mode.SkipDuplicates) File.Copy(src, destFull);
                else File.Move(src, destFull);
                var fi = new FileInfo(destFull);
                if (!await largefiles.MatchAsync(new MatchSubject(destTop, null, fi.Length, destFull), ct))
                {
                    toGit.Add(destTop);
                    return true;
                }
                var added = unlocked ? await ingest.AddUnlockedAsync(destTop, backend, ct) : await ingest.AddLockedAsync(destTop, backend, ct);
                ctx.Messages.Field("key", added.ToString());
                await stage.AddAsync(destTop, ct);
                return true;
            });
        }
        await stage.FinishAsync(ct);
        await AddCommand.GitAddAsync(repo, toGit, ct);
        return runner.Finish();
    }
}
