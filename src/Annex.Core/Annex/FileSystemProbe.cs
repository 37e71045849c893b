using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// The filesystem operations the init probes need. The probes decide from what these do, so they can be
/// tested against a fake vfat; <see cref="RealProbeFileSystem"/> is the real thing. Failures are exceptions,
/// as from the real system calls.
/// </summary>
public interface IProbeFileSystem
{
    void WriteFile(string path, string content);
    void DeleteIfExists(string path);
    void CreateSymlink(string linkPath, string target);
    UnixFileMode GetMode(string path);
    void SetMode(string path, UnixFileMode mode);
    void MakeFifo(string path);
    void HardLink(string existing, string newPath);
    bool IsFifo(string path);
    /// <summary>Takes an exclusive fcntl lock on the file (creating it) and drops it again.</summary>
    void LockAndUnlock(string path);
    /// <summary>Root may write to files whatever their mode, so that probe is skipped for root.</summary>
    bool IsRoot { get; }
}

/// <summary>Freeze or thaw hook: null when it succeeded (or there is none), else a description of what failed.</summary>
public delegate Task<string?> ContentHook(string path);

/// <summary>What a probe found: null when a hook failure leaves it undecided, and the warnings to show.</summary>
public sealed record CrippledProbeResult(bool? Crippled, IReadOnlyList<string> Warnings);

/// <summary>
/// The probes `git annex init` runs before anything else (Annex/Init.hs checkLockSupport, checkFifoSupport,
/// probeCrippledFileSystem'), each on a scratch file in .git/annex/othertmp.
/// </summary>
public static class FileSystemProbe
{
    private const UnixFileMode WriteBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Whether fcntl locks work here; without them annex.pidlock is needed.</summary>
    public static bool LockSupport(IProbeFileSystem fs, string tmpDir)
    {
        var f = Path.Combine(tmpDir, "lockprobe");
        fs.DeleteIfExists(f);
        bool ok;
        try { fs.LockAndUnlock(f); ok = true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { ok = false; }
        fs.DeleteIfExists(f);
        return ok;
    }

    /// <summary>Whether a fifo can be made and hard-linked, as ssh connection caching needs.</summary>
    public static bool FifoSupport(IProbeFileSystem fs, string tmpDir)
    {
        var f = Path.Combine(tmpDir, "gaprobe");
        var f2 = Path.Combine(tmpDir, "gaprobe2");
        fs.DeleteIfExists(f);
        fs.DeleteIfExists(f2);
        bool ok;
        try
        {
            fs.MakeFifo(f);
            fs.HardLink(f, f2);
            ok = fs.IsFifo(f);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { ok = false; }
        fs.DeleteIfExists(f);
        fs.DeleteIfExists(f2);
        return ok;
    }

    /// <summary>
    /// A crippled filesystem cannot hold symlinks, or does not stop writes to a file whose write bits are
    /// removed. The probe file is frozen as content would be (write bits removed, then the freeze hook), probed,
    /// and thawed. A failing freeze or thaw hook leaves the answer undecided: such a hook may be what makes
    /// an otherwise crippled filesystem usable, so guessing could be wrong either way.
    /// </summary>
    public static async Task<CrippledProbeResult> CrippledAsync(IProbeFileSystem fs, string tmpDir,
        ContentHook freezeHook, ContentHook thawHook, bool hasFreezeHook, bool alreadyCrippled = false)
    {
        var f = Path.Combine(tmpDir, "gaprobe");
        fs.WriteFile(f, "");
        // Freezing content leaves modes alone once the repository is known to be crippled, as it does for
        // content. Removing write bits may itself be refused; the probe below then sees them still set.
        if (!alreadyCrippled)
            try { fs.SetMode(f, (fs.GetMode(f) | UnixFileMode.UserRead) & ~WriteBits); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        CrippledProbeResult r;
        if (await freezeHook(f) is { } freezeFailed)
            r = new CrippledProbeResult(null, [HookFailed(freezeFailed)]);
        else
        {
            r = Probe(fs, f, hasFreezeHook);
            try { fs.SetMode(f, fs.GetMode(f) | UnixFileMode.UserWrite); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (await thawHook(f) is { } thawFailed)
                r = new CrippledProbeResult(null, [HookFailed(thawFailed), .. r.Warnings]);
        }
        fs.DeleteIfExists(f);
        return r;
    }

    private static string HookFailed(string what) => $"Failed to run {what}. Unable to initialize until this is fixed.";

    private static CrippledProbeResult Probe(IProbeFileSystem fs, string f, bool hasFreezeHook)
    {
        try
        {
            var f2 = f + "2";
            fs.DeleteIfExists(f2);
            fs.CreateSymlink(f2, f);
            fs.DeleteIfExists(f2);
            // A freeze hook may stop writes some other way than by mode, so then the mode is not checked.
            if (!hasFreezeHook && (fs.GetMode(f) & WriteBits) != 0)
                return new CrippledProbeResult(true, ["Filesystem does not allow removing write bit from files."]);
            if (fs.IsRoot) return new CrippledProbeResult(false, []);
            try { fs.WriteFile(f, "2"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return new CrippledProbeResult(false, []); }
            return new CrippledProbeResult(true, ["Filesystem allows writing to files whose write bit is not set."]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CrippledProbeResult(true, []);
        }
    }
}

/// <summary>The probes' operations on the real filesystem.</summary>
public sealed class RealProbeFileSystem : IProbeFileSystem
{
    public void WriteFile(string path, string content) => File.WriteAllText(path, content);

    public void DeleteIfExists(string path)
    {
        // File.Exists is false for a dangling symlink or fifo, so ask lstat.
        if (Posix.TryStat(path, follow: false) != null) File.Delete(path);
    }

    public void CreateSymlink(string linkPath, string target) => File.CreateSymbolicLink(linkPath, target);
    public UnixFileMode GetMode(string path) => File.GetUnixFileMode(path);
    public void SetMode(string path, UnixFileMode mode) => File.SetUnixFileMode(path, mode);
    public void MakeFifo(string path) => Posix.MakeFifo(path, 0x100 /* 0400 */);

    public void HardLink(string existing, string newPath) => Posix.HardLink(existing, newPath);

    public bool IsFifo(string path) =>
        Posix.TryStat(path, follow: false) is { } st && (st.Mode & Posix.S_IFMT) == Posix.S_IFIFO;

    public void LockAndUnlock(string path)
    {
        using var lk = PosixLock.Take(path, exclusive: true, wait: true)
            ?? throw new IOException($"cannot lock {path}");
    }

    public bool IsRoot => Posix.RealUserId == 0;
}
