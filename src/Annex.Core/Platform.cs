// git-annex semantics (symlinks, POSIX modes, fcntl locks) are POSIX-only; this build targets Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
