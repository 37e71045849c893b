using Annex.Core.Remotes.Ssh;

namespace Annex.Tests.Remotes.Ssh;

public class SshCipherPreferenceTests
{
    private static readonly SshUrl Url = SshUrl.TryParse("example.invalid:/repo")!;

    [Theory]
    [InlineData("-c", "chacha20-poly1305@openssh.com")]
    [InlineData("-caes256-ctr", null)]
    [InlineData("-o", "Ciphers=aes256-ctr")]
    public async Task TheUsersOwnCipherChoiceIsLeftAlone(string option, string? value)
    {
        var settings = new SshSettings { Options = value == null ? [option] : [option, value] };
        Assert.Empty(await SshCipherPreference.ExtraOptionsAsync(Url, settings, CancellationToken.None));
    }

    [Fact]
    public async Task GitSshIsLeftAlone()
    {
        var env = new Dictionary<string, string> { ["GIT_ANNEX_USE_GIT_SSH"] = "1", ["GIT_SSH_COMMAND"] = "ssh -v" };
        var settings = new SshSettings { GetEnv = k => env.GetValueOrDefault(k) };
        Assert.Empty(await SshCipherPreference.ExtraOptionsAsync(Url, settings, CancellationToken.None));
    }

    [Fact]
    public async Task AConfigFileThatChoosesCiphersIsLeftAlone()
    {
        var cfg = Path.GetTempFileName();
        File.WriteAllText(cfg, "Host *\n  Ciphers chacha20-poly1305@openssh.com\n");
        try
        {
            var settings = new SshSettings { Options = ["-F", cfg] };
            Assert.Empty(await SshCipherPreference.ExtraOptionsAsync(Url, settings, CancellationToken.None));
        }
        finally { File.Delete(cfg); }
    }

    [Fact]
    public async Task OtherwiseAesGcmGoesFirstAmongTheDefaultsWhenTheCpuHasAes()
    {
        if (!File.ReadAllText("/proc/cpuinfo").Split(' ', '\t', '\n').Contains("aes")) return;
        var cfg = Path.GetTempFileName();
        File.WriteAllText(cfg, "Host *\n  Port 2222\n");
        try
        {
            var settings = new SshSettings { Options = ["-F", cfg] };
            Assert.Equal(["-o", "Ciphers=^aes128-gcm@openssh.com"], await SshCipherPreference.ExtraOptionsAsync(Url, settings, CancellationToken.None));
        }
        finally { File.Delete(cfg); }
    }
}
