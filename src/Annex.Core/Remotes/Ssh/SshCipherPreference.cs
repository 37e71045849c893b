using Annex.Core.Utility;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// On a CPU with AES instructions, AES-GCM moves data through ssh about half again as fast as OpenSSH's
/// default first choice (chacha20-poly1305), and ssh's cipher is what paces a big transfer. So for the P2P
/// connections that carry content we ask ssh to put aes128-gcm@openssh.com first among its defaults
/// (`-o Ciphers=^…`: the same set of ciphers, only reordered) — but only when the user has not chosen
/// ciphers anywhere: not in annex.ssh-options, not in an ssh config (ssh -G with and without the user's
/// configuration report the same list), and not through GIT_SSH/GIT_SSH_COMMAND, which we leave alone.
/// The reference git-annex does not do this; it changes nothing but the speed.
/// </summary>
public static class SshCipherPreference
{
    public const string Preferred = "aes128-gcm@openssh.com";

    private static readonly Lazy<bool> CpuHasAes = new(() =>
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal)
                && l.Split(' ', '\t').Contains("aes"));
        }
        catch (IOException) { return false; }
    });

    public static async Task<IReadOnlyList<string>> ExtraOptionsAsync(SshUrl url, SshSettings settings, CancellationToken ct)
    {
        if (!CpuHasAes.Value || SshCommand.UsesGitSsh(settings)) return [];
        if (settings.Options.Any(o => o == "-c" || o.StartsWith("-c", StringComparison.Ordinal) && o.Length > 2
                || o.Contains("ciphers", StringComparison.OrdinalIgnoreCase)))
            return [];
        var users = await CiphersAsync([.. settings.Options, url.HostUser], settings.WorkingDirectory, ct);
        var defaults = await CiphersAsync(["-F", "/dev/null", url.HostUser], settings.WorkingDirectory, ct);
        if (users == null || users != defaults || !users.Split(',').Contains(Preferred)) return [];
        return ["-o", "Ciphers=^" + Preferred];
    }

    /// <summary>The cipher list ssh would use (`ssh -G`: prints the configuration, connects nowhere).</summary>
    private static async Task<string?> CiphersAsync(IEnumerable<string> args, string cwd, CancellationToken ct)
    {
        try
        {
            var r = await ProcessRunner.RunAsync("ssh", ["-G", .. args], cwd, ct: ct);
            if (r.ExitCode != 0) return null;
            var line = System.Text.Encoding.UTF8.GetString(r.Stdout).Split('\n')
                .FirstOrDefault(l => l.StartsWith("ciphers ", StringComparison.Ordinal));
            return line?["ciphers ".Length..].Trim();
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
        catch (UserErrorException) { return null; }
    }
}
