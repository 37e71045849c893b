using System.Runtime.InteropServices;

namespace Annex.Core.Utility;

/// <summary>
/// POSIX record locks (fcntl F_SETLK/F_SETLKW) on whole files, the kind git-annex takes.
/// .NET's FileShare and File.Lock use flock(2), which does not exclude a real git-annex working
/// on the same repository, so we call libc directly. Like all fcntl locks, a lock is held by the
/// process and released when any descriptor of the file is closed by it: keep one handle per lock file.
/// </summary>
public sealed partial class PosixLock : IDisposable
{
    private readonly SafeHandleFd _fd;
    public string Path { get; }

    private PosixLock(SafeHandleFd fd, string path) { _fd = fd; Path = path; }

    /// <summary>Takes a shared (read) or exclusive (write) lock, waiting if <paramref name="wait"/>; null when busy.</summary>
    public static PosixLock? Take(string path, bool exclusive, bool wait, int mode = 0x1a4 /* 0644 */)
    {
        int flags = exclusive ? O_RDWR | O_CREAT : O_RDONLY | O_CREAT;
        int fd = open(path, flags | O_CLOEXEC, mode);
        if (fd < 0 && !exclusive)
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode);
        if (fd < 0) throw new IOException($"cannot open lock file {path}: errno {Marshal.GetLastPInvokeError()}");
        var handle = new SafeHandleFd(fd);
        var fl = new Flock { l_type = exclusive ? F_WRLCK : F_RDLCK, l_whence = 0, l_start = 0, l_len = 0 };
        while (true)
        {
            if (fcntl(fd, wait ? F_SETLKW : F_SETLK, ref fl) == 0) return new PosixLock(handle, path);
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            handle.Dispose();
            if (errno == EAGAIN || errno == EACCES) return null;
            throw new IOException($"cannot lock {path}: errno {errno}");
        }
    }

    /// <summary>True when some process holds a lock on <paramref name="path"/> that conflicts with an exclusive lock.</summary>
    public static bool IsLockedByOther(string path) => Conflicts(path, F_WRLCK);

    /// <summary>True when some process holds an exclusive lock on <paramref name="path"/> (shared locks do not count).</summary>
    public static bool IsExclusivelyLockedByOther(string path) => Conflicts(path, F_RDLCK);

    private static bool Conflicts(string path, short probe)
    {
        int fd = open(path, O_RDONLY | O_CLOEXEC, 0);
        if (fd < 0) return false;
        using var handle = new SafeHandleFd(fd);
        var fl = new Flock { l_type = probe, l_whence = 0, l_start = 0, l_len = 0 };
        if (fcntl(fd, F_GETLK, ref fl) != 0) return false;
        return fl.l_type != F_UNLCK;
    }

    public void Dispose() => _fd.Dispose();

    private sealed class SafeHandleFd(int fd) : IDisposable
    {
        private int _fd = fd;
        public void Dispose()
        {
            var f = Interlocked.Exchange(ref _fd, -1);
            if (f >= 0) close(f);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short l_type;
        public short l_whence;
        public long l_start;
        public long l_len;
        public int l_pid;
    }

    private const int O_RDONLY = 0, O_RDWR = 2, O_CREAT = 0x40, O_CLOEXEC = 0x80000;
    private const int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7;
    private const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    private const int EINTR = 4, EAGAIN = 11, EACCES = 13;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl(int fd, int cmd, ref Flock fl);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
