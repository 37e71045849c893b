using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// The special remote verification gate of git-annex 10.20261026 (CVE-2026-112818): a remote enabled from another
/// repository's configuration is unusable, and pushes are blocked, until verifyremote confirms it; a configuration
/// changed in the branch takes effect only once confirmed. The same steps give the same transcript under both
/// implementations, and each honours the state the other recorded.
/// </summary>
public class RemoteVerificationTests
{
    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);

    /// <summary>A repository with a directory remote holding f, and a clone of it (not yet enabling the remote).</summary>
    private static (string A, string B, string Store) Setup(string annex)
    {
        var a = NewRepo();
        Ok(Run(annex, a, "init", "a"));
        File.WriteAllText(Path.Combine(a, "f"), "hi\n");
        Ok(Run(annex, a, "add", "f"));
        Git(annex, a, "commit", "-q", "-m", "a");
        var store = Directory.CreateTempSubdirectory("annexsharp-store-").FullName;
        Ok(Run(annex, a, "initremote", "dr", "type=directory", "encryption=none", "directory=" + store));
        Ok(Run(annex, a, "copy", "--to", "dr", "f"));
        var b = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, b, "clone", "-q", a, ".");
        Ok(Run(annex, b, "init", "b"));
        return (a, b, store);
    }

    private static string Transcript(string annex)
    {
        var (_, b, store) = Setup(annex);
        var steps = new List<string[]>
        {
            new[] { "enableremote", "dr", "directory=" + store },
            new[] { "verifyremote", "dr" },
            new[] { "verifyremote", "dr", "--safe", "7" },
            new[] { "pre-push" },
            new[] { "get", "--from", "dr", "f" },
            new[] { "verifyremote", "dr", "--unsafe" },
            new[] { "verifyremote", "dr", "--safe", "2" },
            new[] { "get", "--from", "dr", "f" },
            new[] { "pre-push" },
            new[] { "verifyremote", "dr" },
            new[] { "verifyremote", "dr", "--unsafe" },
        };
        var sb = new System.Text.StringBuilder();
        foreach (var step in steps)
        {
            var r = Run(annex, b, step);
            sb.Append($"$ {string.Join(' ', step)}\n{r.Out}{r.Err}rc={r.Code}\n");
        }
        sb.Append("verified=" + Git(annex, b, "config", "remote.dr.annex-verified"));
        // Progress meters show rates that differ from run to run.
        return Regex.Replace(sb.ToString().Replace(store, "STORE"), @"\(from dr\.\.\.\) \n\r?[^\n]*ok\n", "(from dr...) ok\n");
    }

    [Fact]
    public void TheSameStepsGiveTheSameTranscript()
    {
        if (!Available()) return;
        Assert.Equal(Transcript(Reference), Transcript(Ours));
    }

    [Fact]
    public void EachHonoursTheOthersVerification()
    {
        if (!Available()) return;
        foreach (var (enabler, user) in new[] { (Ours, Reference), (Reference, Ours) })
        {
            var (_, b, store) = Setup(enabler);
            Ok(Run(enabler, b, "enableremote", "dr", "directory=" + store));
            // Pending under one: refused by the other, and pushes blocked.
            Assert.NotEqual(0, Run(user, b, "get", "--from", "dr", "f").Code);
            Assert.NotEqual(0, Run(user, b, "pre-push").Code);
            var shown = Run(enabler, b, "verifyremote", "dr");
            var id = Regex.Match(shown.Out, @"--safe (\d+)").Groups[1].Value;
            // Confirmed under the ID one showed: the other accepts the ID and then uses the remote.
            Ok(Run(user, b, "verifyremote", "dr", "--safe", id));
            Ok(Run(user, b, "get", "--from", "dr", "f"));
            Ok(Run(enabler, b, "drop", "f"));
            Ok(Run(enabler, b, "get", "--from", "dr", "f"));
        }
    }

    [Fact]
    public void AConfigurationChangedInTheBranchWaitsForVerification()
    {
        if (!Available()) return;
        foreach (var annex in new[] { Ours, Reference })
        {
            var (a, b, store) = Setup(annex);
            Ok(Run(annex, b, "enableremote", "dr", "directory=" + store));
            var id = Regex.Match(Run(annex, b, "verifyremote", "dr").Out, @"--safe (\d+)").Groups[1].Value;
            Ok(Run(annex, b, "verifyremote", "dr", "--safe", id));
            Thread.Sleep(2100); // a later clock (whole seconds, possibly advanced by one) than the configuration b verified
            Ok(Run(annex, a, "enableremote", "dr", "directory=" + store, "chunk=1KiB"));
            Ok(Run(annex, b, "pull", "--no-content"));
            Assert.Contains("chunking: none", Run(annex, b, "info", "dr").Out);
            var shown = Run(annex, b, "verifyremote", "dr");
            Assert.True(shown.Out.Contains("There is an updated configuration of the remote:"), $"{annex}: {shown.Out}{shown.Err}\n" + Git(annex, b, "show", "git-annex:remote.log") + File.ReadAllText(Path.Combine(b, ".git/annex/verified-remote.log")));
            Ok(Run(annex, b, "verifyremote", "dr", "--safe", Regex.Match(shown.Out, @"--safe (\d+)").Groups[1].Value));
            Assert.Contains("chunking: 1.02 kilobytes chunks", Run(annex, b, "info", "dr").Out);
        }
    }
}

/// <summary>
/// A git remote recorded in remote.log (initremote type=git) with autoenable=true: init in a clone adds it marked
/// "automatic"; content may be read, but nothing may be sent to or removed from any remote, and nothing pushed,
/// until verifyremote confirms it. Same transcript under both implementations.
/// </summary>
public class AutoEnabledRemoteTests
{
    private static string Transcript(string annex)
    {
        var c = NewRepo();
        Assert.Equal(0, Run(annex, c, "init", "c").Code);
        var a = NewRepo();
        Assert.Equal(0, Run(annex, a, "init", "a").Code);
        File.WriteAllText(Path.Combine(a, "f"), "f\n");
        File.WriteAllText(Path.Combine(a, "g"), "g\n");
        Assert.Equal(0, Run(annex, a, "add", "f", "g").Code);
        Git(annex, a, "commit", "-q", "-m", "a");
        var steps = new List<(string Dir, string[] Args)>
        {
            ("a", ["initremote", "baz", "type=git", "location=" + c, "autoenable=true"]),
            ("a", ["copy", "--to", "baz", "f"]),
            ("b", ["init", "b"]),
            ("b", ["get", "--from", "baz", "f"]),
            ("b", ["get", "g"]),
            ("b", ["move", "--from", "origin", "g"]),
            ("b", ["copy", "--to", "baz", "g"]),
            ("b", ["pre-push"]),
            ("b", ["verifyremote", "baz"]),
            ("b", ["verifyremote", "baz", "--safe", "1"]),
            ("b", ["copy", "--to", "baz", "g"]),
            ("b", ["pre-push"]),
        };
        var b = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        var sb = new System.Text.StringBuilder();
        foreach (var (dir, args) in steps)
        {
            if (dir == "b" && args[0] == "init") Git(annex, b, "clone", "-q", a, ".");
            var r = Run(annex, dir == "a" ? a : b, args);
            sb.Append($"$ {string.Join(' ', args)}\n{r.Out}{r.Err}rc={r.Code}\n");
        }
        return Regex.Replace(sb.ToString().Replace(c, "C"), @"\((from|to) (\w+)\.\.\.\) \n\r?[^\n]*ok\n", "($1 $2...) ok\n");
    }

    [Fact]
    public void TheSameStepsGiveTheSameTranscript()
    {
        if (!Available()) return;
        Assert.Equal(Transcript(Reference), Transcript(Ours));
    }
}
