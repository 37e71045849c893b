using System.Diagnostics;

namespace Annex.IntegrationTests.Crippled;

/// <summary>
/// A mounted tests/tools/crippledfs.py: a FUSE passthrough of a temp directory that refuses symlinks,
/// fifos and hard links and ignores chmod, as vfat mounted with `quiet` does. Needs /dev/fuse, python3 with
/// fusepy (Debian: python3-fusepy) and permission to mount (root, or fusermount). Unmounted on dispose.
/// </summary>
public sealed class CrippledFsFixture : IDisposable
{
    private readonly string[] _options;
    private (Process Fs, string Dir, string Root)? _mount;
    private int _next;

    public CrippledFsFixture() : this([]) { }

    /// <param name="options">crippledfs.py options: --no-locks, --allow-symlinks, --allow-hardlinks, --allow-chmod.</param>
    internal CrippledFsFixture(string[] options) => _options = options;

    /// <summary>
    /// The mount point, mounted on first use (so a class whose tests are all skipped mounts nothing):
    /// directories made here are on the crippled filesystem.
    /// </summary>
    public string Root
    {
        get
        {
            lock (this)
            {
                if (UnavailableReason is { } why) throw new InvalidOperationException(why);
                _mount ??= Mount(_options);
                return _mount.Value.Root;
            }
        }
    }

    /// <summary>A new empty directory on the crippled filesystem.</summary>
    public string NewDir(string prefix = "r")
    {
        var d = Path.Combine(Root, $"{prefix}{Interlocked.Increment(ref _next)}");
        Directory.CreateDirectory(d);
        return d;
    }

    public void Dispose()
    {
        if (_mount is not { } m) return;
        _mount = null;
        Unmount(m.Root, m.Fs);
        try { Directory.Delete(m.Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "tools", "crippledfs.py");

    /// <summary>Debian's fusepy is for its own python3, which a pyenv or venv python3 earlier in PATH may not see.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static (Process, string, string) Mount(string[] options)
    {
        var dir = Directory.CreateTempSubdirectory("crippledfs-").FullName;
        var backing = Directory.CreateDirectory(Path.Combine(dir, "backing")).FullName;
        var mnt = Directory.CreateDirectory(Path.Combine(dir, "mnt")).FullName;
        var psi = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Script);
        foreach (var o in options) psi.ArgumentList.Add(o);
        psi.ArgumentList.Add(backing);
        psi.ArgumentList.Add(mnt);
        var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!IsMounted(mnt))
        {
            if (p.HasExited || DateTime.UtcNow > deadline)
            {
                if (!p.HasExited) p.Kill();
                p.WaitForExit();
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
                throw new InvalidOperationException($"crippledfs did not mount: {err.Result.Trim()}");
            }
            Thread.Sleep(50);
        }
        return (p, dir, mnt);
    }

    private static bool IsMounted(string mnt) =>
        File.ReadAllLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } f && f[4] == mnt);

    private static void Unmount(string mnt, Process fs)
    {
        foreach (var tool in new[] { "fusermount3", "fusermount", "umount" })
        {
            if (!IsMounted(mnt)) break;
            try
            {
                var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
                if (tool != "umount") psi.ArgumentList.Add("-u");
                psi.ArgumentList.Add(mnt);
                using var u = Process.Start(psi)!;
                u.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception) { } // that tool is not installed
        }
        if (!fs.WaitForExit(10_000)) fs.Kill();
        fs.Dispose();
    }

    private static readonly Lazy<string?> Probe = new(ProbeMount);

    /// <summary>Why the filesystem cannot be mounted here, or null when it can (found by mounting it once).</summary>
    public static string? UnavailableReason => Probe.Value;

    private static string? ProbeMount()
    {
        if (!File.Exists("/dev/fuse")) return "needs /dev/fuse";
        if (!File.Exists(Script)) return $"needs {Script}";
        try
        {
            var psi = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import importlib.util as u, sys; sys.exit(0 if u.find_spec('fusepy') or u.find_spec('fuse') else 1)");
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            if (p.ExitCode != 0) return "needs python3 fusepy (Debian: apt-get install python3-fusepy fuse3)";
        }
        catch (System.ComponentModel.Win32Exception) { return "needs python3"; }
        try
        {
            var (fs, dir, mnt) = Mount([]);
            Unmount(mnt, fs);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            return null;
        }
        catch (InvalidOperationException e) { return e.Message; }
    }
}

/// <summary>A crippled filesystem with no fcntl locks either.</summary>
public sealed class NoLocksCrippledFsFixture() : IDisposable
{
    public CrippledFsFixture Fs { get; } = new(["--no-locks"]);
    public void Dispose() => Fs.Dispose();
}

/// <summary>A filesystem with symlinks and hard links whose only fault is ignoring chmod (and having no fifos).</summary>
public sealed class ChmodIgnoredFsFixture() : IDisposable
{
    public CrippledFsFixture Fs { get; } = new(["--allow-symlinks", "--allow-hardlinks"]);
    public void Dispose() => Fs.Dispose();
}

/// <summary>A test that is skipped, with the reason, when crippledfs cannot be mounted on this machine.</summary>
public sealed class CrippledFsFactAttribute : FactAttribute
{
    public CrippledFsFactAttribute()
    {
        if (CrippledFsFixture.UnavailableReason is { } why) Skip = why;
    }
}

/// <summary>A theory that is skipped, with the reason, when crippledfs cannot be mounted on this machine.</summary>
public sealed class CrippledFsTheoryAttribute : TheoryAttribute
{
    public CrippledFsTheoryAttribute()
    {
        if (CrippledFsFixture.UnavailableReason is { } why) Skip = why;
    }
}
