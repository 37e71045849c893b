using Annex.IntegrationTests.Differential;

namespace Annex.IntegrationTests.Shell;

/// <summary>
/// `git-annex-shell sendkey`/`recvkey`: rsync's server end, as a client's `rsync -e "ssh host git-annex-shell
/// sendkey DIR KEY -- remoteuuid=U --" dummy: FILE` drives it (Remote/Helper/Ssh.hs rsyncParamsRemote).
/// The "ssh" here is a script that drops rsync's host argument and runs the shell locally.
/// </summary>
public class RsyncKeyTests
{
    private const string ClientUuid = "33333333-3333-4333-8333-333333333333";

    private static string Rsh(string dir, string shell, string verb, string repo, string key)
    {
        var script = Path.Combine(dir, $"rsh-{verb}-{Path.GetFileName(Path.GetDirectoryName(shell))}.sh");
        File.WriteAllText(script, $"#!/bin/sh\nshift\nexec {shell} {verb} {repo} {key} -- remoteuuid={ClientUuid} -- \"$@\"\n");
        File.SetUnixFileMode(script, (UnixFileMode)0x1ed);
        return script;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SendkeyAndRecvkeyMoveContentThroughRsync(bool ours)
    {
        if (!ShellRunner.Available() || !File.Exists("/usr/bin/rsync")) return;
        var shell = ours ? ShellRunner.OursShell : ShellRunner.RefShell;
        var (repo, key) = ShellRunner.NewRepo(annex: true);
        var work = Directory.CreateTempSubdirectory("annexsharp-rsync-").FullName;

        var got = Path.Combine(work, "got");
        var r = Binaries.Run("rsync", work, "-e", Rsh(work, shell, "sendkey", repo, key!), "--inplace", "--", "dummy:", got);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("hello\n", File.ReadAllText(got));

        var upload = Path.Combine(work, "up");
        File.WriteAllText(upload, "uploaded content\n");
        var newKey = Binaries.Run(Binaries.Reference, repo, "calckey", upload).Out.Trim();
        r = Binaries.Run("rsync", work, "-e", Rsh(work, shell, "recvkey", repo, newKey), "--inplace", "--", upload, "dummy:");
        Assert.True(r.Code == 0, r.Err);
        var stored = Binaries.Run(Binaries.Reference, repo, "contentlocation", newKey).Out.Trim();
        Assert.Equal("uploaded content\n", File.ReadAllText(Path.Combine(repo, stored)));
        // Recorded in the repository's own location log, as the reference reads it.
        Assert.Contains("(1 copy)", Binaries.RunWith(Binaries.Reference, Binaries.Reference, repo, "whereis", "--key", newKey).Out);
    }
}
