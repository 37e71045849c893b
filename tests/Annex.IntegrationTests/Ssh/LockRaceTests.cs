using System.Diagnostics;
using Annex.IntegrationTests.Differential;

namespace Annex.IntegrationTests.Ssh;

/// <summary>
/// Two repositories hold the only two copies of a file and, at the same moment, each tries to drop its own,
/// counting the other's copy (locked over ssh with LOCKCONTENT) as the one that remains. Whatever the
/// timing, both must never succeed: that would lose the file.
/// </summary>
public class LockRaceTests
{
    private const int Rounds = 200;

    [SshdFact]
    public async Task TwoDropsOfTheLastTwoCopiesNeverBothSucceed()
    {
        if (!Binaries.Available()) return;
        var ours = Binaries.Ours;
        await using var sshd = await SshServerFixture.StartAsync(Path.GetDirectoryName(ours)!);
        var a = Binaries.NewRepo();
        Assert.Equal(0, Binaries.RunWith(ours, ours, a, "init", "-q", "a").Code);
        File.WriteAllText(Path.Combine(a, "f"), "precious\n");
        Assert.Equal(0, Binaries.RunWith(ours, ours, a, "add", "-q", "f").Code);
        Binaries.Git(ours, a, "commit", "-qm", "add");
        var b = Directory.CreateTempSubdirectory("annexsharp-race-").FullName;
        Binaries.Git(ours, b, "clone", "-q", a, ".");
        Binaries.Git(ours, b, "config", "remote.origin.url", $"{SshServerFixture.Host}:{a}");
        Binaries.Git(ours, b, "config", "annex.ssh-options", string.Join(' ', sshd.SshOptions));
        Assert.Equal(0, Binaries.RunWith(ours, ours, b, "init", "-q", "b").Code);
        Binaries.Git(ours, a, "remote", "add", "b", $"{SshServerFixture.Host}:{b}");
        Binaries.Git(ours, a, "config", "annex.ssh-options", string.Join(' ', sshd.SshOptions));
        Assert.Equal(0, Binaries.RunWith(ours, ours, b, "get", "-q", "f").Code);
        // A learns from B's git-annex branch that B has a copy (git itself goes over the same sshd).
        Binaries.ExtraEnv = new() { ["GIT_SSH_COMMAND"] = sshd.GitSshCommand };
        try { Assert.Equal(0, Binaries.RunWith(ours, ours, a, "sync", "-q", "--no-push", "--no-content", "b").Code); }
        finally { Binaries.ExtraEnv = null; }
        Assert.Contains("(2 copies)", Binaries.RunWith(ours, ours, a, "whereis", "f").Out);
        Assert.Contains("(2 copies)", Binaries.RunWith(ours, ours, b, "whereis", "f").Out);

        var random = new Random(12345);
        int droppedA = 0, droppedB = 0, noneDropped = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var dropA = DropAfterAsync(a, random.Next(0, 40));
            var dropB = DropAfterAsync(b, random.Next(0, 40));
            var (okA, okB) = (await dropA, await dropB);
            bool hasA = HasContent(a), hasB = HasContent(b);
            Assert.False(okA && okB, $"round {round}: both drops succeeded");
            Assert.True(hasA || hasB, $"round {round}: no copy left");
            Assert.Equal(!okA, hasA);
            Assert.Equal(!okB, hasB);
            if (okA) Assert.Equal(0, Binaries.RunWith(ours, ours, a, "get", "-q", "f").Code);
            if (okB) Assert.Equal(0, Binaries.RunWith(ours, ours, b, "get", "-q", "f").Code);
            if (okA) droppedA++;
            if (okB) droppedB++;
            if (!okA && !okB) noneDropped++;
        }
        // Either side wins some rounds; a race one side can never win would prove nothing.
        Assert.True(droppedA > 0 && droppedB > 0, $"A dropped {droppedA}, B dropped {droppedB}, neither {noneDropped}");
    }

    private static async Task<bool> DropAfterAsync(string repo, int delayMs)
    {
        await Task.Delay(delayMs);
        var psi = new ProcessStartInfo(Binaries.Ours) { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "drop", "-q", "f" }) psi.ArgumentList.Add(arg);
        psi.Environment["PATH"] = Path.GetDirectoryName(Binaries.Ours) + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await Task.WhenAll(o, e);
        return p.ExitCode == 0;
    }

    private static bool HasContent(string repo) =>
        Directory.EnumerateFiles(Path.Combine(repo, ".git/annex/objects"), "*", SearchOption.AllDirectories)
            .Any(p => !p.EndsWith(".lck") && !p.EndsWith(".rtm") && !p.EndsWith(".rtl"));
}
