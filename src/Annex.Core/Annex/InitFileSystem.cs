using Annex.Core.Annex.Adjust;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// What init needs from the command line. <see cref="Warn"/> shows a warning as git-annex's `warning` does;
/// <see cref="EnterAdjustedBranch"/> checks out the adjusted branch for the adjustment if it exists, else builds
/// and enters it (showing git's checkout output), returning whether HEAD is now on it.
/// </summary>
public sealed record InitUi(Action<string> Warn, Func<AnnexRepo, Adjustment, CancellationToken, Task<bool>> EnterAdjustedBranch)
{
    /// <summary>For callers with nowhere to show anything: warnings are dropped, git's checkout is quiet.</summary>
    public static readonly InitUi Silent = new(_ => { }, InitFileSystem.EnterQuietlyAsync);

    /// <summary>Warnings to <paramref name="warn"/>, git's checkout quiet (git-annex-shell, whose stdout is a protocol).</summary>
    public static InitUi Quiet(Action<string> warn) => new(warn, InitFileSystem.EnterQuietlyAsync);
}

/// <summary>
/// The filesystem checks at the start of init and what follows from them (Annex/Init.hs checkLockSupport,
/// checkFifoSupport, checkCrippledFileSystem; Annex/AdjustedBranch.hs adjustToCrippledFileSystem). A
/// filesystem such as FAT that cannot hold symlinks or stop writes to content is "crippled": content is
/// never chmodded there, and files are used unlocked, in the adjusted branch adjusted/B(unlocked).
/// </summary>
public static class InitFileSystem
{
    public const string AdjustCommitMessage = "commit before entering adjusted branch";

    /// <summary>Runs the three probes in upstream's order, setting annex.pidlock, annex.sshcaching, annex.crippledfilesystem and core.symlinks.</summary>
    public static async Task CheckAsync(AnnexRepo repo, InitUi ui, IProbeFileSystem fs, CancellationToken ct)
    {
        var tmp = repo.Locations.OtherTmpDir;
        Directory.CreateDirectory(tmp);
        if (!repo.Config.GetBool("annex.pidlock", false) && !FileSystemProbe.LockSupport(fs, tmp))
        {
            ui.Warn("Detected a filesystem without POSIX fcntl lock support.");
            ui.Warn("Enabling annex.pidlock.");
            await repo.Config.SetAsync(repo.Git, "annex.pidlock", "true", ct);
        }
        if (!FileSystemProbe.FifoSupport(fs, tmp))
        {
            ui.Warn("Detected a filesystem without fifo support.");
            ui.Warn("Disabling ssh connection caching.");
            await repo.Config.SetAsync(repo.Git, "annex.sshcaching", "false", ct);
        }
        var hooks = new ContentHooks(repo);
        var probe = await FileSystemProbe.CrippledAsync(fs, tmp, p => hooks.FreezeAsync(p, ct), p => hooks.ThawAsync(p, ct),
            hooks.HasFreezeHook, alreadyCrippled: IsCrippled(repo.Config));
        foreach (var w in probe.Warnings) ui.Warn(w);
        switch (probe.Crippled)
        {
            case null:
                throw new UserErrorException("Not initialized.");
            case true:
                ui.Warn("Detected a crippled filesystem.");
                await repo.Config.SetAsync(repo.Git, "annex.crippledfilesystem", "true", ct);
                // git turns core.symlinks off itself where symlinks fail, but even where they work, a crippled
                // filesystem does not get them.
                if (repo.Config.GetBool("core.symlinks", true))
                {
                    ui.Warn("Disabling core.symlinks.");
                    await repo.Config.SetAsync(repo.Git, "core.symlinks", "false", ct);
                }
                repo.ReloadLocations();
                break;
        }
    }

    public static bool IsCrippled(GitConfig config) => config.GetBool("annex.crippledfilesystem", false);

    /// <summary>
    /// Locked files cannot work on a crippled filesystem, so a non-bare repository there is moved to the
    /// unlocked adjusted branch, after a first (empty) commit when the branch has none yet.
    /// </summary>
    public static async Task AdjustToCrippledAsync(AnnexRepo repo, InitUi ui, CancellationToken ct)
    {
        ui.Warn("Entering an adjusted branch where files are unlocked as this filesystem does not support locked files.");
        var git = repo.Git;
        if (await Refs.ShaOfAsync(git, "HEAD", ct) == null)
            await GitCli.RunInheritAsync(git, ["commit", "--allow-empty", "-m", AdjustCommitMessage, "--quiet"], ct: ct);
        var adj = Adjustment.OfLink(LinkAdjustment.Unlock);
        var curr = await Refs.ShaOfAsync(git, "HEAD", ct) != null ? await Refs.CurrentBranchAsync(git, ct) : null;
        if (curr == null)
        {
            ui.Warn("Failed to enter adjusted branch!");
            return;
        }
        if (Adjustment.FromAdjustedBranch(curr) is { } cur && cur.Adjustment == adj) return;
        if (!await ui.EnterAdjustedBranch(repo, adj, ct)) ui.Warn("Failed to enter adjusted branch!");
    }

    /// <summary>Checks out the adjusted branch of the current branch, building it first unless it exists, with git quiet.</summary>
    public static async Task<bool> EnterQuietlyAsync(AnnexRepo repo, Adjustment adj, CancellationToken ct)
    {
        var git = repo.Git;
        if (await Refs.CurrentBranchAsync(git, ct) is not { } curr) return false;
        var orig = Adjustment.FromAdjustedBranch(curr)?.Original ?? curr;
        var adjBranch = adj.AdjustedBranch(orig);
        if (await Refs.ShaOfAsync(git, adjBranch, ct) == null)
        {
            var ab = new AdjustedBranch(repo);
            var start = DateTimeOffset.UtcNow;
            await ab.PreventCommitsAsync(() => ab.AdjustBranchAsync(adj, orig, ct));
            AdjustLog.RecordFinished(repo, start);
        }
        var b = adjBranch.StartsWith("refs/heads/", StringComparison.Ordinal) ? adjBranch["refs/heads/".Length..] : adjBranch;
        return await GitCli.RunAsync(git, ["checkout", b, "--quiet"], ct: ct) is { Ok: true };
    }
}
