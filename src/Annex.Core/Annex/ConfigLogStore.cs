using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// config.log: repository-wide settings in the git-annex branch (doc/git-annex-config.mdwn). Only the
/// settings below may be stored there, and a value in git config always wins over the branch's.
/// </summary>
public sealed class ConfigLogStore(AnnexRepo repo)
{
    public const string FileName = "config.log";

    public static readonly IReadOnlyList<string> GlobalSettings =
    [
        "annex.largefiles", "annex.dotfiles", "annex.addunlocked", "annex.autocommit", "annex.resolvemerge",
        "annex.synccontent", "annex.synconlyannex", "annex.securehashesonly",
    ];

    /// <summary>The recorded value, or null when never set or unset (an unset is recorded as an empty value).</summary>
    public async Task<string?> GetAsync(string name, CancellationToken ct = default) =>
        TextFieldLog.CurrentConfig(TextFieldLog.ParseNamed(await repo.Branch.ReadAsync(FileName, ct) ?? []))
            .TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>Sets a value; an empty value records an unset, as the reference writes it.</summary>
    public async Task SetAsync(string name, string value, CancellationToken ct = default)
    {
        var log = TextFieldLog.ParseNamed(await repo.Branch.ReadAsync(FileName, ct) ?? []);
        log.Set(name, value, LogClock.Candidate());
        await repo.Branch.WriteAsync(FileName, TextFieldLog.FormatNamed(log), ct);
    }

    /// <summary>The value in force: git config (including -c), else the git-annex branch.</summary>
    public async Task<string?> EffectiveAsync(string name, CancellationToken ct = default) =>
        repo.Config.Get(name) ?? (GlobalSettings.Contains(name) ? await GetAsync(name, ct) : null);
}
