using Annex.Core.Git;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// `git annex init` (doc/git-annex-init.mdwn, Annex/Init.hs): a UUID, repository version 10, the annex
/// filter and its attribute, the hooks, the git-annex branch with this repository's description.
/// Re-running it keeps the existing UUID.
/// </summary>
public static class Init
{
    public const int CurrentVersion = 10;
    public static readonly int[] SupportedVersions = [8, 9, 10];

    private const string HookHeader = "#!/bin/sh\n# automatically configured by git-annex\n";

    private static readonly (string Name, string Body)[] Hooks =
    [
        ("pre-commit", "git annex pre-commit .\n"),
        ("post-receive", "if git annex post-receive --help >/dev/null 2>&1; then git annex post-receive; fi\n"),
        ("post-checkout", "git annex smudge --update\n"),
        ("post-merge", "git annex smudge --update\n"),
        ("pre-push", "if git annex pre-push --help >/dev/null 2>&1; then git annex pre-push; fi\n"),
    ];

    /// <summary>A clone of an annex is initialised on first use, as the reference does.</summary>
    public static async Task<bool> CanAutoInitAsync(AnnexRepo repo, CancellationToken ct)
    {
        if (repo.Config.Get("annex.uuid") is { Length: > 0 } && repo.Config.Get("annex.version") != null) return false;
        if (!repo.Config.GetBool("annex.autoinit", true)) return false;
        return await Refs.ShaOfAsync(repo.Git, AnnexBranch.FullName, ct) != null
            || (await Refs.ListAsync(repo.Git, "refs/remotes/", ct)).Any(r => r.Name.EndsWith("/git-annex", StringComparison.Ordinal));
    }

    /// <param name="ui">Where warnings go and how an adjusted branch is entered; <see cref="InitUi.Silent"/> when nothing may be shown.</param>
    /// <param name="probeFs">The filesystem the probes run on; tests pass a fake.</param>
    public static async Task RunAsync(AnnexRepo repo, string? description, bool autoInit, CancellationToken ct,
        int version = CurrentVersion, InitUi? ui = null, IProbeFileSystem? probeFs = null)
    {
        ui ??= InitUi.Silent;
        if (!SupportedVersions.Contains(version))
            throw new UserErrorException($"Repository version {version} is not supported. Supported repository versions: {string.Join(' ', SupportedVersions)}");
        var existing = repo.Config.Get("annex.uuid");
        var uuid = string.IsNullOrEmpty(existing) ? Uuid.NewRandom() : Uuid.Parse(existing);
        if (string.IsNullOrEmpty(existing)) await repo.Config.SetAsync(repo.Git, "annex.uuid", uuid.Value, ct);
        await InitFileSystem.CheckAsync(repo, ui, probeFs ?? new RealProbeFileSystem(), ct);
        await repo.Config.SetAsync(repo.Git, "annex.version", version.ToString(), ct);
        if (!repo.Git.IsBare)
        {
            await repo.Config.SetAsync(repo.Git, "filter.annex.smudge", "git-annex smudge -- %f", ct);
            await repo.Config.SetAsync(repo.Git, "filter.annex.clean", "git-annex smudge --clean -- %f", ct);
            await repo.Config.SetAsync(repo.Git, "filter.annex.process", "git-annex filter-process", ct);
            EnsureAttribute(repo);
            InstallHooks(repo);
            if (!await new Adjust.AdjustedBranch(repo).CheckAdjustedCloneAsync(ct) && repo.IsCrippled)
                await InitFileSystem.AdjustToCrippledAsync(repo, ui, ct);
        }
        CreateWorkDirs(repo);
        if (await IsSharedCloneAsync(repo))
            await repo.Config.SetAsync(repo.Git, "annex.hardlink", "true", ct);
        await repo.Branch.UpdateAsync(ct);
        var uuidLog = new UuidLogStore(repo);
        if (description != null || !(await uuidLog.DescriptionsAsync(ct)).ContainsKey(uuid))
            await uuidLog.DescribeAsync(uuid, description ?? DefaultDescription(repo), ct);
    }

    /// <summary>"user@host:path", the reference's default description.</summary>
    public static string DefaultDescription(AnnexRepo repo)
    {
        var user = Environment.UserName;
        var host = System.Net.Dns.GetHostName();
        return $"{user}@{host}:{repo.Git.TopDir}";
    }

    private static void EnsureAttribute(AnnexRepo repo)
    {
        var info = Path.Combine(repo.Git.GitDir, "info");
        Directory.CreateDirectory(info);
        var attrs = Path.Combine(info, "attributes");
        var lines = File.Exists(attrs) ? File.ReadAllLines(attrs).ToList() : [];
        if (lines.Contains("* filter=annex")) return;
        lines.Add("* filter=annex");
        AtomicFile.WriteText(attrs, string.Join("\n", lines) + "\n");
    }

    private static void InstallHooks(AnnexRepo repo)
    {
        var hooksDir = repo.Config.Get("core.hooksPath") is { Length: > 0 } hp
            ? Path.GetFullPath(hp, repo.Git.TopDir) : Path.Combine(repo.Git.GitDir, "hooks");
        Directory.CreateDirectory(hooksDir);
        foreach (var (name, body) in Hooks)
        {
            var path = Path.Combine(hooksDir, name);
            if (File.Exists(path)) continue; // never overwrite a user's hook
            File.WriteAllText(path, HookHeader + body);
            // A filesystem without execute bits (FAT) usually shows every file executable: ignore a refusal.
            try { File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static void CreateWorkDirs(AnnexRepo repo)
    {
        var loc = repo.Locations;
        Directory.CreateDirectory(loc.AnnexDir);
        Directory.CreateDirectory(loc.OtherTmpDir);
        var sentinal = Path.Combine(loc.AnnexDir, "sentinal");
        if (!File.Exists(sentinal)) File.WriteAllBytes(sentinal, []);
        var cache = Path.Combine(loc.AnnexDir, "sentinal.cache");
        if (!File.Exists(cache)) File.WriteAllText(cache, InodeCacheLine(sentinal));
    }

    /// <summary>"inode size mtime-seconds mtime-nanoseconds", the reference's inode cache line.</summary>
    private static string InodeCacheLine(string path)
    {
        var st = Posix.Stat(path);
        return $"{st.Inode} {st.Size} {st.MtimeSeconds} {st.MtimeNanoseconds}";
    }

    /// <summary>A `git clone --shared` has alternates: the reference hard-links content there (annex.hardlink).</summary>
    private static Task<bool> IsSharedCloneAsync(AnnexRepo repo) =>
        Task.FromResult(File.Exists(Path.Combine(repo.Git.GitDir, "objects", "info", "alternates")));
}
