using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// The parts of `git annex uninit` that undo `init` (Annex/Init.hs uninitialize, Command/Uninit.hs):
/// removing the objects handed back to the work tree, then .git/annex, the hooks init wrote (only when
/// unchanged), the annex filter attribute and smudge/clean config, annex.uuid and annex.version, and
/// the git-annex branch.
/// </summary>
public static class Uninit
{
    private const string HookHeader = "#!/bin/sh\n# automatically configured by git-annex\n";

    /// <summary>The hooks `init` writes, with the content that marks them as ours (Annex/Hook.hs).</summary>
    private static readonly (string Name, string Body)[] Hooks =
    [
        ("pre-commit", "git annex pre-commit .\n"),
        ("post-receive", "if git annex post-receive --help >/dev/null 2>&1; then git annex post-receive; fi\n"),
        ("post-checkout", "git annex smudge --update\n"),
        ("post-merge", "git annex smudge --update\n"),
        ("pre-push", "if git annex pre-push --help >/dev/null 2>&1; then git annex pre-push; fi\n"),
    ];

    /// <summary>
    /// Removes objects that were hard-linked into the work tree (link count above one); returns the keys
    /// of objects that are still only here, which stop the uninit.
    /// </summary>
    public static List<Keys.Key> RemoveHandedBackObjects(AnnexRepo repo)
    {
        var store = new ObjectStore(repo.Locations);
        var left = new List<Keys.Key>();
        foreach (var key in store.AllKeys().ToList())
        {
            var obj = store.PathOf(key);
            if (obj != null && Posix.TryStat(obj, follow: false) is { Links: > 1 })
            {
                using var lk = ContentLock.LockExclusive(repo.Locations, key);
                if (lk != null) { store.Remove(key); continue; }
            }
            left.Add(key);
        }
        return left;
    }

    /// <summary>Makes everything under .git/annex writable (objects are locked down) and removes it.</summary>
    public static void RemoveAnnexDir(Locations loc)
    {
        if (!Directory.Exists(loc.AnnexDir)) return;
        foreach (var dir in Directory.EnumerateDirectories(loc.AnnexDir, "*", SearchOption.AllDirectories))
            try { File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.UserWrite | UnixFileMode.UserRead | UnixFileMode.UserExecute); }
            catch (IOException) { }
        Directory.Delete(loc.AnnexDir, recursive: true);
    }

    /// <summary>Undoes init's configuration and deletes the git-annex branch.</summary>
    public static async Task DeconfigureAsync(AnnexRepo repo, CancellationToken ct)
    {
        var hooksDir = repo.Config.Get("core.hooksPath") is { Length: > 0 } hp
            ? Path.GetFullPath(hp, repo.Git.TopDir) : Path.Combine(repo.Git.GitDir, "hooks");
        foreach (var (name, body) in Hooks)
        {
            var path = Path.Combine(hooksDir, name);
            if (File.Exists(path) && File.ReadAllText(path) == HookHeader + body) File.Delete(path);
        }
        var attrs = Path.Combine(repo.Git.GitDir, "info", "attributes");
        if (File.Exists(attrs))
        {
            var kept = File.ReadAllLines(attrs).Where(l => l.Length > 0 && l != "* filter=annex");
            AtomicFile.WriteText(attrs, string.Concat(kept.Select(l => l + "\n")), durable: false);
        }
        foreach (var k in new[] { "filter.annex.smudge", "filter.annex.clean" })
            if (repo.Config.Get(k) != null) await repo.Config.UnsetAsync(repo.Git, k, ct);
        // The reference unsets annex.uuid and stores an empty one (storeUUID NoUUID): it stays, empty, in place.
        await repo.Config.SetAsync(repo.Git, "annex.uuid", "", ct);
        if (repo.Config.Get("annex.version") != null) await repo.Config.UnsetAsync(repo.Git, "annex.version", ct);
        if (await Refs.ShaOfAsync(repo.Git, AnnexBranch.FullName, ct) != null)
            await GitCli.ReadAsync(repo.Git, ["branch", "-q", "-D", AnnexBranch.Name], ct: ct);
    }
}
