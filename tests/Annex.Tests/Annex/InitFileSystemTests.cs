using System.Diagnostics;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Tests.Annex;

/// <summary>
/// Init on a filesystem that the probes see as crippled (a real temp repository; only the probes' own
/// operations are refused): the configs, the warnings in the reference's order, and the adjusted branch.
/// </summary>
public class InitFileSystemTests
{
    /// <summary>The real filesystem, except what a FAT-like one would refuse or ignore.</summary>
    private sealed class Refusing(bool symlinks = true, bool fifos = true, bool locks = true, bool chmod = true) : IProbeFileSystem
    {
        private readonly RealProbeFileSystem _real = new();
        public bool IsRoot => _real.IsRoot;
        public void WriteFile(string path, string content) => _real.WriteFile(path, content);
        public void DeleteIfExists(string path) => _real.DeleteIfExists(path);
        public void CreateSymlink(string linkPath, string target)
        {
            if (!symlinks) throw new UnauthorizedAccessException("Operation not permitted");
            _real.CreateSymlink(linkPath, target);
        }
        public UnixFileMode GetMode(string path) => _real.GetMode(path);
        public void SetMode(string path, UnixFileMode mode) { if (chmod) _real.SetMode(path, mode); }
        public void MakeFifo(string path)
        {
            if (!fifos) throw new IOException("Operation not permitted");
            _real.MakeFifo(path);
        }
        public void HardLink(string existing, string newPath) => _real.HardLink(existing, newPath);
        public bool IsFifo(string path) => _real.IsFifo(path);
        public void LockAndUnlock(string path)
        {
            if (!locks) throw new IOException("No locks available");
            _real.LockAndUnlock(path);
        }
    }

    private static async Task<string> GitAsync(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var o = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return o.Trim();
    }

    /// <summary>A new repository whose hooks are no-ops, so git's commit and checkout need no git-annex in PATH.</summary>
    private static async Task<string> NewRepoAsync()
    {
        var dir = Directory.CreateTempSubdirectory("initfs-").FullName;
        await GitAsync(dir, "init", "-q");
        await GitAsync(dir, "config", "user.name", "Test");
        await GitAsync(dir, "config", "user.email", "test@example.com");
        foreach (var hook in new[] { "pre-commit", "post-checkout", "post-merge", "post-receive", "pre-push" })
        {
            var f = Path.Combine(dir, ".git", "hooks", hook);
            File.WriteAllText(f, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(f, (UnixFileMode)0b111_101_101);
        }
        return dir;
    }

    [Fact]
    public async Task WithoutSymlinksInitMarksTheRepositoryCrippledAndEntersTheUnlockedAdjustedBranch()
    {
        var dir = await NewRepoAsync();
        try
        {
            var warnings = new List<string>();
            await using (var repo = await AnnexRepo.OpenAsync(GitRepo.At(dir)!))
            {
                await Init.RunAsync(repo, "test", autoInit: false, CancellationToken.None,
                    ui: InitUi.Quiet(warnings.Add), probeFs: new Refusing(symlinks: false, fifos: false, chmod: false));
                Assert.True(repo.IsCrippled);
                Assert.False(repo.CoreSymlinks);
                Assert.True(repo.Locations.Crippled);
            }
            Assert.Equal(
            [
                "Detected a filesystem without fifo support.",
                "Disabling ssh connection caching.",
                "Detected a crippled filesystem.",
                "Disabling core.symlinks.",
                "Entering an adjusted branch where files are unlocked as this filesystem does not support locked files.",
            ], warnings);
            Assert.Equal("true", await GitAsync(dir, "config", "annex.crippledfilesystem"));
            Assert.Equal("false", await GitAsync(dir, "config", "core.symlinks"));
            Assert.Equal("false", await GitAsync(dir, "config", "annex.sshcaching"));
            Assert.Equal("", await GitAsync(dir, "config", "annex.pidlock"));
            Assert.Equal("refs/heads/adjusted/master(unlocked)", await GitAsync(dir, "symbolic-ref", "HEAD"));
            Assert.Equal("git-annex adjusted branch\ncommit before entering adjusted branch", await GitAsync(dir, "log", "--format=%s"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(dir, ".git", "annex", "othertmp")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task WithoutFcntlLocksInitEnablesPidLockUnlessItIsSet()
    {
        foreach (var preset in new[] { false, true })
        {
            var dir = await NewRepoAsync();
            try
            {
                if (preset) await GitAsync(dir, "config", "annex.pidlock", "true");
                var warnings = new List<string>();
                await using (var repo = await AnnexRepo.OpenAsync(GitRepo.At(dir)!))
                    await Init.RunAsync(repo, "test", autoInit: false, CancellationToken.None,
                        ui: InitUi.Quiet(warnings.Add), probeFs: new Refusing(locks: false));
                Assert.Equal(preset ? [] : ["Detected a filesystem without POSIX fcntl lock support.", "Enabling annex.pidlock."], warnings);
                Assert.Equal("true", await GitAsync(dir, "config", "annex.pidlock"));
                Assert.Equal("", await GitAsync(dir, "config", "annex.crippledfilesystem"));
                Assert.Equal("refs/heads/master", await GitAsync(dir, "symbolic-ref", "HEAD"));
            }
            finally { Directory.Delete(dir, true); }
        }
    }

    [Fact]
    public async Task AFailingFreezeHookStopsInit()
    {
        var dir = await NewRepoAsync();
        try
        {
            await GitAsync(dir, "config", "annex.freezecontent-command", "false");
            var warnings = new List<string>();
            await using var repo = await AnnexRepo.OpenAsync(GitRepo.At(dir)!);
            var e = await Assert.ThrowsAsync<UserErrorException>(() => Init.RunAsync(repo, "test", autoInit: false,
                CancellationToken.None, ui: InitUi.Quiet(warnings.Add), probeFs: new Refusing()));
            Assert.Equal("Not initialized.", e.Message);
            Assert.Equal(["Failed to run git configured command 'false'. Unable to initialize until this is fixed."], warnings);
            Assert.Equal("", await GitAsync(dir, "config", "annex.version"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
