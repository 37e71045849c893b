using Annex.Core.Git;
using Annex.Core.Remotes.Ssh;

namespace Annex.Tests.Remotes.Ssh;

/// <summary>Argument vectors observed from git-annex 10.20261026 through a logging ssh.</summary>
public class SshCommandTests
{
    private const string ConfigList = "git-annex-shell 'configlist' '/tmp/sshobs/origin'";

    private static SshSettings Settings(Dictionary<string, string>? env = null, bool caching = true, string[]? options = null,
        string cwd = "/tmp/sshobs/local") => new()
    {
        SocketDirectory = caching ? "/tmp/sshobs/local/.git/annex/ssh" : null,
        WorkingDirectory = cwd,
        Options = options ?? [],
        GetEnv = k => env != null && env.TryGetValue(k, out var v) ? v : null,
    };

    private static SshUrl Url(string s) => SshUrl.TryParse(s)!;

    [Fact]
    public void CachedConfigList()
    {
        var i = SshCommand.Build(Url("localhost:/tmp/sshobs/origin"), ConfigList, Settings(), consumeStdin: false);
        Assert.Equal("ssh", i.Program);
        Assert.Equal(["localhost", "-S", ".git/annex/ssh/localhost", "-o", "ControlMaster=auto", "-o", "ControlPersist=yes",
            "-n", "-T", ConfigList], i.Arguments);
        Assert.Equal(".git/annex/ssh/localhost", i.SocketFile);
    }

    [Fact]
    public void UserPortAndOptions()
    {
        var i = SshCommand.Build(Url("ssh://me@localhost:2222/tmp/sshobs/origin"), ConfigList,
            Settings(options: [.. ShellQuote.SplitWords("-o 'Foo=a b' -v")]), consumeStdin: false);
        Assert.Equal(["me@localhost", "-S", ".git/annex/ssh/me@localhost!2222", "-o", "ControlMaster=auto", "-o", "ControlPersist=yes",
            "-o", "'Foo=a", "b'", "-v", "-p", "2222", "-n", "-T", ConfigList], i.Arguments);
    }

    [Fact]
    public void P2PStdioConsumesStdin()
    {
        const string cmd = "git-annex-shell 'p2pstdio' '/tmp/sshobs/origin' '927ab90f-e789-4bda-9e9e-0fce9e01c906' --uuid 5ba6c568-38d5-4209-8a28-98b16b9cf940";
        var i = SshCommand.Build(Url("localhost:/tmp/sshobs/origin"), cmd, Settings(), consumeStdin: true);
        Assert.Equal(["localhost", "-S", ".git/annex/ssh/localhost", "-o", "ControlMaster=auto", "-o", "ControlPersist=yes", "-T", cmd], i.Arguments);
    }

    [Fact]
    public void NoCaching()
    {
        var i = SshCommand.Build(Url("host:/tmp/sshobs/origin"), ConfigList,
            Settings(caching: false, options: [.. ShellQuote.SplitWords("-4 -i \"/x y\"")]), consumeStdin: false);
        Assert.Equal(["host", "-4", "-i", "\"/x", "y\"", "-n", "-T", ConfigList], i.Arguments);
        Assert.Null(i.SocketFile);
    }

    [Fact]
    public void LongHostUsesMd5SocketName()
    {
        var i = SshCommand.Build(Url("ssh://someone@averyveryverylonghostname.example.com:2222/tmp/sshobs/origin"), ConfigList, Settings(), false);
        Assert.Equal(".git/annex/ssh/3fa480d1692a8ef164ac46f199a9ba11", i.Arguments[2]);
    }

    [Fact]
    public void SocketPathRelativeToWorkingDirectory()
    {
        var i = SshCommand.Build(Url("host:/p"), ConfigList, Settings(cwd: "/tmp/sshobs/local/sub/deeper"), false);
        Assert.Equal("../../.git/annex/ssh/host", i.SocketFile);
    }

    [Fact]
    public void PercentDroppedFromSocketName() => Assert.Equal("host", SshSocket.FileName("ho%st", null));

    [Fact]
    public void SocketPathTooLongDisablesCaching()
    {
        var deep = "/tmp/" + new string('x', 90);
        var s = Settings() with { SocketDirectory = deep + "/.git/annex/ssh", WorkingDirectory = "/" };
        var i = SshCommand.Build(Url("host:/p"), ConfigList, s, false);
        Assert.Null(i.SocketFile);
        Assert.Equal(["host", "-n", "-T", ConfigList], i.Arguments);
    }

    [Fact]
    public void GitSshCommandWithSpacesRunsUnderSh()
    {
        var env = new Dictionary<string, string> { ["GIT_ANNEX_USE_GIT_SSH"] = "1", ["GIT_SSH_COMMAND"] = "/tmp/sshobs/logssh.sh -x" };
        var cmd = "git-annex-shell 'configlist' '/tmp/sshobs/origin' '--debug'";
        var i = SshCommand.Build(Url("ssh://host:2200/tmp/sshobs/origin"), cmd, Settings(env), false);
        Assert.Equal("sh", i.Program);
        Assert.Equal(["-c", "/tmp/sshobs/logssh.sh -x '-n' 'host' '-p' '2200' 'git-annex-shell '\"'\"'configlist'\"'\"' '\"'\"'/tmp/sshobs/origin'\"'\"' '\"'\"'--debug'\"'\"''"],
            i.Arguments);
        Assert.Null(i.SocketFile);
    }

    [Fact]
    public void GitSshCommandWithoutSpacesIsTheProgram()
    {
        var env = new Dictionary<string, string> { ["GIT_ANNEX_USE_GIT_SSH"] = "1", ["GIT_SSH_COMMAND"] = "/tmp/sshobs/logssh.sh", ["GIT_SSH"] = "/ignored" };
        var i = SshCommand.Build(Url("host:/tmp/sshobs/origin"), ConfigList, Settings(env), false);
        Assert.Equal("/tmp/sshobs/logssh.sh", i.Program);
        Assert.Equal(["-n", "host", ConfigList], i.Arguments);
    }

    [Fact]
    public void GitSsh()
    {
        var env = new Dictionary<string, string> { ["GIT_ANNEX_USE_GIT_SSH"] = "1", ["GIT_SSH"] = "/tmp/sshobs/logssh.sh" };
        var i = SshCommand.Build(Url("host:/tmp/sshobs/origin"), ConfigList, Settings(env), consumeStdin: true);
        Assert.Equal("/tmp/sshobs/logssh.sh", i.Program);
        Assert.Equal(["host", ConfigList], i.Arguments);
    }

    [Fact]
    public void GitSshVariablesIgnoredWithoutOptIn()
    {
        var env = new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = "/tmp/sshobs/logssh.sh -x", ["GIT_SSH"] = "/x" };
        var i = SshCommand.Build(Url("host:/tmp/sshobs/origin"), ConfigList, Settings(env), false);
        Assert.Equal("ssh", i.Program);
        Assert.Equal(".git/annex/ssh/host", i.SocketFile);
    }

    [Fact]
    public void WarmUpAsObserved()
    {
        var i = SshCommand.WarmUp(Url("localhost:/p"), Settings())!;
        Assert.Equal(["-o", "BatchMode=true", "-S", ".git/annex/ssh/localhost", "-o", "ControlMaster=auto", "-o", "ControlPersist=yes",
            "-n", "-T", "localhost", "true"], i.Arguments);
    }

    [Fact]
    public void StopRunsInSocketDirectory()
    {
        var i = SshCommand.Stop("/r/.git/annex/ssh/localhost");
        Assert.Equal("/r/.git/annex/ssh", i.WorkingDirectory);
        Assert.Equal(["-O", "stop", "-S", "localhost", "-o", "ControlMaster=auto", "-o", "ControlPersist=yes", "localhost"], i.Arguments);
    }

    [Fact]
    public void OnACrippledFilesystemSocketsGoUnderGitAnnexSshSocketDirOrNowhere()
    {
        var repo = new GitRepo("/r/.git", "/r");
        static GitConfig Config(string s) => GitConfig.Parse(System.Text.Encoding.UTF8.GetBytes(s));
        Assert.Equal("/r/.git/annex/ssh", SshSettings.ForRemote(Config(""), repo, "o", "/r", _ => null).SocketDirectory);
        var crippled = Config("annex.crippledfilesystem\ntrue\0");
        Assert.Null(SshSettings.ForRemote(crippled, repo, "o", "/r", _ => null).SocketDirectory);
        Assert.Equal("/elsewhere/ssh", SshSettings.ForRemote(crippled, repo, "o", "/r",
            k => k == "GIT_ANNEX_SSH_SOCKET_DIR" ? "/elsewhere" : null).SocketDirectory);
        Assert.Null(SshSettings.ForRemote(Config("annex.sshcaching\nfalse\0"), repo, "o", "/r", _ => null).SocketDirectory);
    }
}
