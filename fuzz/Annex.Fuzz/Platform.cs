// The code under test is Linux-only (POSIX modes, symlinks, fcntl locks).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
