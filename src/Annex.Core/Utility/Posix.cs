using System.Runtime.InteropServices;

namespace Annex.Core.Utility;

/// <summary>stat(2) fields .NET does not expose (inode, device, nanosecond mtime), for inode caches.</summary>
public static partial class Posix
{
    public readonly record struct StatInfo(ulong Device, ulong Inode, long Size, long MtimeSeconds, long MtimeNanoseconds, uint Mode, ulong Links);

    public static StatInfo Stat(string path) => TryStat(path, follow: true) ?? throw new IOException($"cannot stat {path}");

    public static StatInfo? TryStat(string path, bool follow)
    {
        var buf = new byte[256];
        int rc = follow ? stat(path, buf) : lstat(path, buf);
        if (rc != 0) return null;
        // x86_64 struct stat layout: dev 0, ino 8, nlink 16, mode 24, uid 28, gid 32, rdev 40, size 48, blksize 56,
        // blocks 64, atime 72/80, mtime 88/96, ctime 104/112.
        return new StatInfo(
            BitConverter.ToUInt64(buf, 0), BitConverter.ToUInt64(buf, 8), BitConverter.ToInt64(buf, 48),
            BitConverter.ToInt64(buf, 88), BitConverter.ToInt64(buf, 96), BitConverter.ToUInt32(buf, 24),
            BitConverter.ToUInt64(buf, 16));
    }

    /// <summary>link(2): a hard link, for annex.thin and annex.hardlink.</summary>
    public static void HardLink(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
            throw new IOException($"cannot hard link {existing} to {newPath}: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// A hard link, or false when the filesystem refuses one (vfat and other crippled filesystems): callers
    /// then copy, as git-annex falls back to copying.
    /// </summary>
    public static bool TryHardLink(string existing, string newPath) => link(existing, newPath) == 0;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string newPath);

    /// <summary>
    /// chmod that a filesystem without permissions (FAT) may refuse or ignore: work-tree files get the mode
    /// when they can. Returns whether it was accepted.
    /// </summary>
    public static bool TrySetMode(string path, UnixFileMode mode)
    {
        try { File.SetUnixFileMode(path, mode); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>A hard link where the filesystem allows one, else a copy (annex.thin on FAT).</summary>
    public static void HardLinkOrCopy(string existing, string newPath)
    {
        if (!TryHardLink(existing, newPath)) File.Copy(existing, newPath, overwrite: true);
    }

    /// <summary>mkfifo(3); throws when the filesystem has no named pipes.</summary>
    public static void MakeFifo(string path, int mode)
    {
        if (mkfifo(path, mode) != 0)
            throw new IOException($"cannot make fifo {path}: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, int mode);

    public const uint S_IFMT = 0xF000, S_IFIFO = 0x1000;

    /// <summary>The real user id; root (0) may write to files without write permission.</summary>
    public static uint RealUserId => getuid();

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint getuid();

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int stat(string path, byte[] buf);

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lstat(string path, byte[] buf);

    /// <summary>
    /// Grows a pipe's kernel buffer (F_SETPIPE_SZ) so a bulk transfer through it is not a ping-pong of 64 KiB
    /// turns between the processes on its two ends. Best effort: a pipe that cannot grow (a limit, not a pipe)
    /// just stays as it was.
    /// </summary>
    public static void TryGrowPipe(int fd, int bytes = 1 << 20)
    {
        const int F_SETPIPE_SZ = 1031;
        _ = fcntl_int(fd, F_SETPIPE_SZ, bytes);
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl_int(int fd, int cmd, int arg);

    /// <summary>
    /// sendfile(2): up to <paramref name="count"/> bytes from file <paramref name="inFd"/> at
    /// <paramref name="offset"/> (advanced) straight to <paramref name="outFd"/> (a pipe or socket), without
    /// passing through our memory. Returns the bytes sent, 0 at end of file, -1 when the kernel cannot do it
    /// for these descriptors (the caller copies instead).
    /// </summary>
    public static long SendFile(int outFd, int inFd, ref long offset, long count)
    {
        const int EINTR = 4, EINVAL = 22, ENOSYS = 38;
        while (true)
        {
            var n = sendfile(outFd, inFd, ref offset, (nint)count);
            if (n >= 0) return n;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            if (errno is EINVAL or ENOSYS) return -1;
            throw new IOException($"sendfile failed: errno {errno}");
        }
    }

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint sendfile(int outFd, int inFd, ref long offset, nint count);
}
