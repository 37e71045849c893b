#!/usr/bin/python3
"""crippledfs: a FUSE passthrough filesystem that behaves like vfat mounted with `quiet`.

It mirrors BACKING at MOUNTPOINT, but refuses symlink() and mknod() (so no fifos) with EPERM,
refuses link() with EPERM (vfat has no hard links), and makes chmod()/chown() silent no-ops that
leave the mode unchanged. Files and directories are created with fixed mode 0755, as
vfat reports one mode for everything. Everything git needs otherwise passes through: rename,
fsync, truncate, utimens, O_EXCL creation, xattr-free stat.

With --no-locks, POSIX (fcntl) lock requests fail with ENOLCK, as on some network filesystems;
by default the kernel handles locks locally, so they work.

Used by tests/Annex.IntegrationTests/Crippled to test git-annex's crippled filesystem handling.
Runs in the foreground until unmounted (fusermount -u MOUNTPOINT).
"""
import argparse
import errno
import os
import sys

try:
    import fusepy as fuse  # Debian's python3-fusepy
except ImportError:
    import fuse  # pip's fusepy

FuseOSError = fuse.FuseOSError


class CrippledFS(fuse.Operations):
    use_ns = True

    def __init__(self, backing, allow_symlinks, allow_hardlinks, allow_chmod, no_locks):
        self.root = os.path.realpath(backing)
        self.allow_symlinks = allow_symlinks
        self.allow_hardlinks = allow_hardlinks
        self.allow_chmod = allow_chmod
        if no_locks:
            # Registering a lock handler makes the kernel send fcntl locks here instead of
            # handling them itself.
            self.lock = self._refuse_lock

    def _full(self, path):
        return os.path.join(self.root, path.lstrip('/'))

    def __call__(self, op, *args):
        # Turn OSErrors from the backing filesystem into the same errno for the caller.
        try:
            return super().__call__(op, *args)
        except OSError as e:
            if isinstance(e, FuseOSError):
                raise
            raise FuseOSError(e.errno or errno.EIO)

    # --- refused or ignored, as on vfat --------------------------------------------------
    def symlink(self, target, source):
        if not self.allow_symlinks:
            raise FuseOSError(errno.EPERM)
        os.symlink(source, self._full(target))

    def link(self, target, source):
        if not self.allow_hardlinks:
            raise FuseOSError(errno.EPERM)
        os.link(self._full(source), self._full(target))

    def mknod(self, path, mode, dev):
        raise FuseOSError(errno.EPERM)

    def chmod(self, path, mode):
        if self.allow_chmod:
            os.chmod(self._full(path), mode)
        return 0

    def chown(self, path, uid, gid):
        return 0

    def _refuse_lock(self, path, fh, cmd, lock):
        raise FuseOSError(errno.ENOLCK)

    # --- passthrough ---------------------------------------------------------------------
    def access(self, path, amode):
        if not os.access(self._full(path), amode):
            raise FuseOSError(errno.EACCES)
        return 0

    def getattr(self, path, fh=None):
        st = os.lstat(self._full(path))
        return {
            'st_mode': st.st_mode, 'st_ino': st.st_ino, 'st_nlink': st.st_nlink,
            'st_uid': st.st_uid, 'st_gid': st.st_gid, 'st_size': st.st_size,
            'st_atime': st.st_atime_ns, 'st_mtime': st.st_mtime_ns, 'st_ctime': st.st_ctime_ns,
            'st_blocks': st.st_blocks, 'st_blksize': st.st_blksize,
        }

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._full(path))

    def readlink(self, path):
        return os.readlink(self._full(path))

    def mkdir(self, path, mode):
        os.mkdir(self._full(path), 0o755 if not self.allow_chmod else mode)

    def rmdir(self, path):
        os.rmdir(self._full(path))

    def unlink(self, path):
        os.unlink(self._full(path))

    def rename(self, old, new):
        os.rename(self._full(old), self._full(new))

    def truncate(self, path, length, fh=None):
        if fh is not None:
            os.ftruncate(fh, length)
        else:
            os.truncate(self._full(path), length)

    def utimens(self, path, times=None):
        if times is None:
            os.utime(self._full(path))
        else:
            os.utime(self._full(path), ns=(int(times[0]), int(times[1])))
        return 0

    def statfs(self, path):
        sv = os.statvfs(self._full(path))
        return {k: getattr(sv, k) for k in (
            'f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail',
            'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')}

    def create(self, path, mode, fi=None):
        return os.open(self._full(path), os.O_RDWR | os.O_CREAT,
                       0o755 if not self.allow_chmod else mode)

    def open(self, path, flags):
        return os.open(self._full(path), flags)

    def read(self, path, size, offset, fh):
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        return os.pwrite(fh, data, offset)

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        os.close(fh)
        return 0

    def fsync(self, path, datasync, fh):
        if datasync:
            os.fdatasync(fh)
        else:
            os.fsync(fh)
        return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('backing')
    p.add_argument('mountpoint')
    p.add_argument('--allow-symlinks', action='store_true')
    p.add_argument('--allow-hardlinks', action='store_true')
    p.add_argument('--allow-chmod', action='store_true')
    p.add_argument('--no-locks', action='store_true')
    a = p.parse_args()
    ops = CrippledFS(a.backing, a.allow_symlinks, a.allow_hardlinks, a.allow_chmod, a.no_locks)
    fuse.FUSE(ops, a.mountpoint, foreground=True, nothreads=False, fsname='crippledfs')
    return 0


if __name__ == '__main__':
    sys.exit(main())
