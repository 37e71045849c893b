using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Annex.IntegrationTests.Shell;

/// <summary>
/// Hostile or broken P2P sessions fed to our `git-annex-shell p2pstdio`: each is refused with a clear error,
/// and the repository is left as it was (a partial upload stays only as a resumable temp file), with nothing
/// written outside it.
/// </summary>
public class P2PStdioBadInputTests
{
    private const string ClientUuid = "33333333-3333-4333-8333-333333333333";

    private static (int Code, string Out, string Err) Session(string repo, byte[] input, Dictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(ShellRunner.OursShell)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in new[] { "p2pstdio", repo, ClientUuid }) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = Path.GetDirectoryName(ShellRunner.OursShell) + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var v in new[] { "GIT_ANNEX_SHELL_READONLY", "GIT_ANNEX_SHELL_APPENDONLY", "GIT_ANNEX_SHELL_LIMITED", "GIT_ANNEX_SHELL_DIRECTORY" })
            psi.Environment.Remove(v);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        try { p.StandardInput.BaseStream.Write(input); p.StandardInput.Close(); }
        catch (IOException) { /* the server hung up first: that is one of the outcomes under test */ }
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>Every file in and beside the repository with its content hash (the annex temp directory aside).</summary>
    private static SortedDictionary<string, string> Snapshot(string repo)
    {
        var parent = Path.GetDirectoryName(repo)!;
        var snap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(repo, "*", SearchOption.AllDirectories))
        {
            if (f.Contains("/.git/annex/tmp/") || f.Contains("/.git/annex/journal") || f.EndsWith(".lck")) continue;
            snap[f] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)));
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent, Path.GetFileName(repo) + "*")) snap["sibling:" + entry] = "";
        return snap;
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string KeyFor(string content) =>
        $"SHA256E-s{content.Length}--{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}";

    [Fact]
    public void MalformedKeysLinesAndVersionsAreRefusedAndChangeNothing()
    {
        if (!ShellRunner.Available()) return;
        var (repo, key) = ShellRunner.NewRepo(annex: true);
        var before = Snapshot(repo);
        var input = new MemoryStream();
        void Line(string s) => input.Write(Bytes(s + "\n"));
        Line("VERSION 99");
        Line("CHECKPRESENT SHA256E-s1--../../../etc/passwd");
        Line("GET 0 f SHA256E-s1--a/b");
        input.Write(Bytes("CHECKPRESENT SHA256E-s1--a\0b\n"));
        Line("REMOVE ../" + key);
        Line("PUT ../../escape " + key);
        Line("CHECKPRESENT " + key);
        Line(new string('A', 40 * 1024)); // oversized: the server cannot resynchronise and closes
        Line("REMOVE " + key);
        var r = Session(repo, input.ToArray());

        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("AUTH-SUCCESS ", lines[0]);
        Assert.Equal("VERSION 4", lines[1]);
        Assert.All(lines[2..6], l => Assert.StartsWith("ERROR", l));
        Assert.Contains(lines[6..], l => l is "ALREADY-HAVE" or "ERROR unknown command"); // afile with .. is refused or ignored
        Assert.Equal("SUCCESS", lines[^2]); // the good CHECKPRESENT
        Assert.StartsWith("ERROR", lines[^1]); // the oversized line, and nothing after it was served
        Assert.Equal(before, Snapshot(repo));
    }

    [Fact]
    public void DataLongerThanTheKeyIsRefusedBeforeItIsStored()
    {
        if (!ShellRunner.Available()) return;
        var (repo, _) = ShellRunner.NewRepo(annex: true);
        var before = Snapshot(repo);
        var key = KeyFor("12345");
        var r = Session(repo, Bytes($"VERSION 4\nPUT new {key}\nDATA 10\n1234567890VALID\n"));
        Assert.Contains("PUT-FROM 0", r.Out);
        Assert.Matches("ERROR .*longer", r.Out);
        Assert.DoesNotContain("SUCCESS", r.Out.Split('\n'));
        Assert.Equal(before, Snapshot(repo));
    }

    [Fact]
    public void ClientVanishingMidUploadLeavesOnlyAResumableTempFile()
    {
        if (!ShellRunner.Available()) return;
        var (repo, _) = ShellRunner.NewRepo(annex: true);
        var before = Snapshot(repo);
        const string content = "resumable content\n";
        var key = KeyFor(content);
        var first = Session(repo, Bytes($"VERSION 4\nPUT new {key}\nDATA {content.Length}\n{content[..7]}"));
        Assert.Contains("PUT-FROM 0", first.Out);
        Assert.DoesNotContain("SUCCESS", first.Out.Split('\n'));
        Assert.Equal(before, Snapshot(repo)); // nothing stored, no location log change

        var second = Session(repo, Bytes($"VERSION 4\nPUT new {key}\nDATA {content.Length - 7}\n{content[7..]}VALID\n"));
        Assert.Contains("PUT-FROM 7", second.Out);
        Assert.Contains("SUCCESS", second.Out.Split('\n'));
        var stored = Differential.Binaries.RunWith(Differential.Binaries.Ours, Differential.Binaries.Ours, repo, "contentlocation", key).Out.Trim();
        Assert.Equal(content, File.ReadAllText(Path.Combine(repo, stored)));
        // The reference reads the result as a sound repository.
        Assert.Equal(0, Differential.Binaries.RunWith(Differential.Binaries.Reference, Differential.Binaries.Reference, repo, "fsck", "-q").Code);
    }

    [Fact]
    public void ReadOnlyRefusesWritesAndDirectoryRefusesOtherRepositories()
    {
        if (!ShellRunner.Available()) return;
        var (repo, key) = ShellRunner.NewRepo(annex: true);
        var before = Snapshot(repo);
        var newKey = KeyFor("12345");
        var ro = Session(repo, Bytes($"VERSION 4\nREMOVE {key}\nPUT new {newKey}\nCHECKPRESENT {key}\n"),
            ShellRunner.Env("GIT_ANNEX_SHELL_READONLY", "1"));
        var lines = ro.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ERROR this repository is read-only; write access denied", lines[2]);
        Assert.Equal("ERROR this repository is read-only; write access denied", lines[3]);
        Assert.Equal("SUCCESS", lines[4]);

        var ao = Session(repo, Bytes($"VERSION 4\nREMOVE {key}\n"), ShellRunner.Env("GIT_ANNEX_SHELL_APPENDONLY", "1"));
        Assert.Contains("ERROR this repository is append-only; removal denied", ao.Out);

        var other = Directory.CreateTempSubdirectory("annexsharp-elsewhere-").FullName;
        var dir = Session(repo, Bytes($"VERSION 4\nREMOVE {key}\n"), ShellRunner.Env("GIT_ANNEX_SHELL_DIRECTORY", other));
        Assert.NotEqual(0, dir.Code);
        Assert.Contains($"Only allowed to access {other} not {repo}", dir.Err);
        Assert.Equal("", dir.Out);
        Assert.Equal(before, Snapshot(repo));
        Assert.Empty(Directory.EnumerateFileSystemEntries(other));
    }
}
