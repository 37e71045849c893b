using System.Diagnostics;
using Annex.IntegrationTests.Differential;
using static Annex.IntegrationTests.Shell.ShellRunner;

namespace Annex.IntegrationTests.Shell;

/// <summary>Our git-annex-shell against the reference's: same output, error texts and exit codes.</summary>
public class ShellInteropTests
{
    [Fact]
    public void ConfiglistOfAnAnnexAPlainRepoAndNoRepo()
    {
        if (!Available()) return;
        var (annex, _) = NewRepo(annex: true);
        var (plain, _) = NewRepo(annex: false);
        var uuid = Binaries.Git(RefAnnex, annex, "config", "annex.uuid").Trim();
        Assert.Equal($"annex.uuid={uuid}\ncore.gcrypt-id=\n", Same(null, "configlist", annex).Out);
        Assert.Equal("annex.uuid=\ncore.gcrypt-id=\n", Same(null, "configlist", plain).Out);
        Same(null, "configlist", plain + "/nonexistent");
        Same(null, "configlist", annex, "extra");
        Same(null, "configlist", annex, "--frob");
        Same(null, "configlist", annex, "--uuid");
        Same(null, "configlist", annex, "--uuid", uuid);
        Same(null, "configlist", annex, "--uuid", "deadbeef");
        Same(null, "configlist", plain, "--uuid", "deadbeef");
        Same(null, "-c", $"git-annex-shell 'configlist' \"{annex}\"");
        Same(null);
        Same(null, "configlist");
        Assert.Null(Binaries.Run("git", plain, "config", "annex.uuid").Out is { Length: > 0 } s ? s : null);
    }

    [Fact]
    public void ConfiglistAutoinitialisesWhenAskedOrWhenAGitAnnexBranchWasPushed()
    {
        if (!Available()) return;
        foreach (var shell in new[] { RefShell, OursShell })
        {
            var (plain, _) = NewRepo(annex: false);
            var ro = Run(shell, Env("GIT_ANNEX_SHELL_READONLY", "1"), "configlist", plain, "--", "autoinit=1", "--");
            Assert.Equal((1, "", "git-annex-shell: Action blocked by GIT_ANNEX_SHELL_READONLY\n\n"), ro);
            Assert.Equal("annex.uuid=\ncore.gcrypt-id=\n", Run(shell, null, "configlist", plain, "--", "autoinit=0", "--").Out);
            var r = Run(shell, null, "configlist", plain, "--", "autoinit=1", "--");
            var uuid = Binaries.Git(RefAnnex, plain, "config", "annex.uuid").Trim();
            Assert.Equal((0, $"annex.uuid={uuid}\ncore.gcrypt-id=\n", ""), r);
            Assert.Equal("10", Binaries.Git(RefAnnex, plain, "config", "annex.version").Trim());
            // The reference leaves its description in the journal (configlist does not commit).
            Assert.True(File.Exists(Path.Combine(plain, ".git/annex/journal/uuid.log")), shell);

            var (annex, _) = NewRepo(annex: true);
            var (bare, _) = NewRepo(annex: false, bare: true);
            Binaries.Git(RefAnnex, annex, "push", "-q", bare, "git-annex");
            Assert.Equal(1, Run(shell, Env("GIT_ANNEX_SHELL_READONLY", "1"), "configlist", bare).Code);
            var pushed = Run(shell, null, "configlist", bare);
            Assert.Equal(0, pushed.Code);
            Assert.Matches("^annex.uuid=[0-9a-f-]{36}\ncore.gcrypt-id=\n$", pushed.Out);
            Assert.Equal(0, Binaries.Run(RefAnnex, bare, "info", "--fast").Code);
        }
    }

    [Fact]
    public void InannexExitCodes()
    {
        if (!Available()) return;
        var (annex, key) = NewRepo(annex: true);
        var (plain, _) = NewRepo(annex: false);
        Assert.Equal(0, Same(null, "inannex", annex, key!).Code);
        Assert.Equal(1, Same(null, "inannex", annex, key!, "SHA256E-s1--abc").Code);
        Assert.Equal(1, Same(null, "inannex", annex, "SHA256E-s1--abc", key!).Code);
        Assert.Equal(0, Same(null, "inannex", annex, "--uuid=" + Binaries.Git(RefAnnex, annex, "config", "annex.uuid").Trim(), key!).Code);
        Same(null, "inannex", plain, key!);
        Same(null, "-c", $"git-annex-shell inannex '{annex}' '{key}'");
        // A key whose content lock is held exclusively (being removed) is "unknown": 100; a shared lock (kept
        // for another repository's drop) leaves it present.
        var obj = Binaries.Run(RefAnnex, annex, "contentlocation", key!).Out.Trim();
        var lck = Path.Combine(annex, obj + ".lck");
        using (HoldLock(lck, exclusive: true)) Assert.Equal(100, Same(null, "inannex", annex, key!).Code);
        using (HoldLock(lck, exclusive: false)) Assert.Equal(0, Same(null, "inannex", annex, key!).Code);
    }

    [Fact]
    public void BadKeysAreRefusedOrAbsentNeverPathsOutsideTheAnnex()
    {
        if (!Available()) return;
        var (annex, _) = NewRepo(annex: true);
        var outside = Path.Combine(Path.GetDirectoryName(annex)!, "outside-" + Guid.NewGuid());
        File.WriteAllText(outside, "x");
        foreach (var key in new[] { "../x", "SHA256E-s1--a/b", "SHA256E-s1--..", "SHA256E-s1--../../../" + Path.GetFileName(outside), "" })
        {
            Same(null, "inannex", annex, key);
            Same(null, "dropkey", annex, "--force", key);
        }
        Same(null, "dropkey", annex, "--force", "../x", "SHA256E-s1--abc", "..");
        // A newline in a key name: the reference looks for it (absent, 1); here it is a bad key (also 1).
        Assert.Equal((1, "", "git-annex-shell: bad key\n\n"), Run(OursShell, null, "inannex", annex, "SHA256E-s1--a\nb"));
        Assert.True(File.Exists(outside));
        // (A NUL cannot be passed in an argument at all: execve ends the string there.)
    }

    [Fact]
    public void DropkeyRemovesContentAndRecordsItMissing()
    {
        if (!Available()) return;
        var (annex, key) = NewRepo(annex: true);
        Same(null, "dropkey", annex, key!);
        Same(Env("GIT_ANNEX_SHELL_READONLY", "1"), "dropkey", annex, "--force", key!);
        Same(Env("GIT_ANNEX_SHELL_APPENDONLY", "1"), "dropkey", annex, "--force", key!);
        var hookLog = Path.Combine(annex, ".git/hook-ran");
        var hook = Path.Combine(annex, ".git/hooks/annex-content");
        File.WriteAllText(hook, $"#!/bin/sh\necho ran >> '{hookLog}'\n");
        File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
        var before = Binaries.Git(RefAnnex, annex, "rev-parse", "git-annex").Trim();
        var dropped = Run(OursShell, null, "dropkey", annex, key!, "--force");
        Assert.True(dropped == (0, "", ""), dropped.Err);
        Assert.NotEqual(before, Binaries.Git(RefAnnex, annex, "rev-parse", "git-annex").Trim());
        Assert.Equal(1, Run(RefShell, null, "inannex", annex, key!).Code);
        var whereis = Binaries.Run(RefAnnex, annex, "whereis", "f");
        Assert.Contains("(0 copies)", whereis.Out);
        Assert.Equal("ran\n", File.ReadAllText(hookLog));
    }

    [Fact]
    public void EnvironmentRestrictionsAndTheirTexts()
    {
        if (!Available()) return;
        var (annex, key) = NewRepo(annex: true);
        var (plain, _) = NewRepo(annex: false);
        var ro = Env("GIT_ANNEX_SHELL_READONLY", "1");
        Assert.Equal("git-annex-shell: Action blocked by GIT_ANNEX_SHELL_READONLY\n\n", Same(ro, "recvkey", annex, key!).Err);
        Same(ro, "gcryptsetup", annex, "x");
        Assert.Equal(0, Same(ro, "inannex", annex, key!).Code);
        Assert.Equal(0, Same(Env("GIT_ANNEX_SHELL_READONLY", ""), "dropkey", annex, "--force", "SHA256E-s1--abc").Code);
        Assert.Equal("git-annex-shell: Action blocked by GIT_ANNEX_SHELL_APPENDONLY\n\n",
            Same(Env("GIT_ANNEX_SHELL_APPENDONLY", "1"), "gcryptsetup", annex, "x").Err);
        var limited = Env("GIT_ANNEX_SHELL_LIMITED", "1");
        Assert.Equal("git-annex-shell: Action blocked by GIT_ANNEX_SHELL_LIMITED\n\n", Same(limited, "-c", $"git-upload-pack '{annex}'").Err);
        Assert.Equal(0, Same(limited, "configlist", annex).Code);

        var dir = Env("GIT_ANNEX_SHELL_DIRECTORY", annex);
        Assert.Equal($"git-annex-shell: Only allowed to access {annex} not {plain}\n\n", Same(dir, "configlist", plain).Err);
        Same(dir, "configlist", annex + "/../" + Path.GetFileName(plain));
        Same(dir, "configlist", plain + "/../" + Path.GetFileName(annex) + "/");
        Same(dir, "configlist", Path.GetFileName(annex));
        Same(dir, "configlist", "/~/x");
        Same(dir, "inannex", annex + "/.git", key!);
        Same(dir, "-c", $"git-upload-pack '{plain}'");
        Same(dir, "frob");
        // A symlink to the allowed directory is another path: refused, as the reference refuses it.
        var link = annex + "-link";
        File.CreateSymbolicLink(link, annex);
        Same(dir, "configlist", link);
        var linkDir = Env("GIT_ANNEX_SHELL_DIRECTORY", link);
        Same(linkDir, "configlist", link + "/../" + Path.GetFileName(plain));
    }

    [Fact]
    public void UnknownCommandsPassToGitShell()
    {
        if (!Available()) return;
        var (annex, _) = NewRepo(annex: true);
        Same(null, "git-upload-pack", annex);
        Same(null, "frob", annex);
        foreach (var bin in new[] { RefShell, OursShell })
        {
            var clone = Path.Combine(Path.GetTempPath(), "annexsharp-shell-clone-" + Guid.NewGuid());
            var r = CloneThroughShell(bin, annex, clone, null);
            Assert.True(r.Code == 0, r.Err);
            Assert.True(File.Exists(Path.Combine(clone, "f")) || new FileInfo(Path.Combine(clone, "f")).LinkTarget != null);
            var refused = CloneThroughShell(bin, annex, clone + "2", Env("GIT_ANNEX_SHELL_LIMITED", "1"));
            Assert.NotEqual(0, refused.Code);
            Assert.Contains("git-annex-shell: Action blocked by GIT_ANNEX_SHELL_LIMITED", refused.Err);
            refused = CloneThroughShell(bin, annex, clone + "3", Env("GIT_ANNEX_SHELL_DIRECTORY", annex + "x"));
            Assert.Contains($"git-annex-shell: Only allowed to access {annex}x not {annex}", refused.Err);
        }
    }

    /// <summary>
    /// `git clone localhost:DIR` with GIT_SSH_COMMAND="git-annex test --fakessh --" (ours), the remote side being
    /// git-annex-shell as a login shell: `git-annex-shell -c "git-upload-pack 'DIR'"`.
    /// </summary>
    private static (int Code, string Out, string Err) CloneThroughShell(string shell, string repo, string dest, Dictionary<string, string>? env)
    {
        var e = env ?? [];
        e["GIT_SSH_COMMAND"] = Binaries.Ours + " test --fakessh --";
        e["PATH"] = Path.GetDirectoryName(shell) + ":" + Environment.GetEnvironmentVariable("PATH");
        return Run("/usr/bin/git", e, "clone", "-q", "-u", "f(){ git-annex-shell -c \"git-upload-pack '$1'\"; }; f", "localhost:" + repo, dest);
    }

    [Fact]
    public void FakesshRunsTheCommandAndReturnsItsExitCode()
    {
        if (!Available()) return;
        Assert.Equal((3, "hi\n", ""), Run(Binaries.Ours, null, "test", "--fakessh", "--", "-n", "localhost", "echo hi; exit 3"));
        Assert.Equal((0, "x\n", ""), Run(Binaries.Ours, null, "test", "--fakessh", "--", "host", "echo x"));
        var bad = Run(Binaries.Ours, null, "test", "--fakessh", "--", "a", "b", "c");
        Assert.Equal(1, bad.Code);
        Assert.Contains("fake ssh option parse error", bad.Err);
        Assert.Contains("not implemented", Run(Binaries.Ours, null, "test").Err);
    }

    [Fact]
    public void GcryptRepositories()
    {
        if (!Available()) return;
        foreach (var shell in new[] { RefShell, OursShell })
        {
            var (bare, _) = NewRepo(annex: false, bare: true);
            Assert.Equal("git-annex-shell: expected repository UUID abc but found uninitialized repository\n\n",
                Run(shell, null, "configlist", bare, "--uuid", "abc").Err);
            Assert.Equal(0, Run(shell, null, "gcryptsetup", bare, "foo").Code);
            Assert.Equal("foo", Binaries.Git(RefAnnex, bare, "config", "core.gcrypt-id").Trim());
            Assert.Equal("false", Binaries.Git(RefAnnex, bare, "config", "receive.denyNonFastforwards").Trim());
        }
        var (b, _) = NewRepo(annex: false, bare: true);
        Assert.Equal(0, Run(RefShell, null, "gcryptsetup", b, "foo").Code);
        Same(null, "configlist", b);
        Same(null, "configlist", b, "--uuid", "abc");
        Same(null, "configlist", b, "--uuid", "c1a238d5-49db-594b-9aa6-29190b21a984");
        Same(null, "inannex", b, "SHA256E-s1--abc");
        Same(null, "gcryptsetup", b, "bar");
        var (annex, _) = NewRepo(annex: true);
        Same(null, "gcryptsetup", annex, "bar");
    }

    [Fact]
    public async Task NotifychangesReportsTheShasOfChangedRefs()
    {
        if (!Available()) return;
        var (annex, _) = NewRepo(annex: true);
        var head = Binaries.Git(RefAnnex, annex, "rev-parse", "HEAD").Trim();
        var psi = new ProcessStartInfo(OursShell) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("notifychanges");
        psi.ArgumentList.Add(annex);
        using var p = Process.Start(psi)!;
        Assert.Equal("READY", await p.StandardOutput.ReadLineAsync());
        Binaries.Git(RefAnnex, annex, "update-ref", "refs/heads/n1", head);
        Assert.Equal("CHANGED " + head, await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        File.WriteAllText(Path.Combine(annex, ".git/refs/heads/x.lock"), head + "\n");
        File.WriteAllText(Path.Combine(annex, ".git/refs/heads/bad"), "not a sha\n");
        var other = Binaries.Git(RefAnnex, annex, "rev-parse", "HEAD^{tree}").Trim();
        Binaries.Git(RefAnnex, annex, "update-ref", "refs/tags/t", other);
        Assert.Equal("CHANGED " + other, await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(10_000));
        Assert.Equal(0, p.ExitCode);
    }

    private static IDisposable HoldLock(string path, bool exclusive)
    {
        // flock(1) takes flock locks, not fcntl ones; python's fcntl.lockf takes the POSIX lock git-annex uses.
        var psi = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"import fcntl,sys\nf=open({System.Text.Json.JsonSerializer.Serialize(path)},'a+')\nfcntl.lockf(f,fcntl.{(exclusive ? "LOCK_EX" : "LOCK_SH")})\nprint('locked',flush=True)\nsys.stdin.read()");
        var p = Process.Start(psi)!;
        Assert.Equal("locked", p.StandardOutput.ReadLine());
        return new Holder(p);
    }

    private sealed class Holder(Process p) : IDisposable
    {
        public void Dispose() { p.StandardInput.Close(); p.WaitForExit(); p.Dispose(); }
    }
}
