using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>Where a special remote stands with the CVE-2026-112818 verification gate (remote.NAME.annex-verified).</summary>
public enum VerificationState
{
    /// <summary>Set up here (initremote), confirmed by the user, or enabled before the gate existed: its confirmed
    /// configuration is in verified-remote.log.</summary>
    Verified,
    /// <summary>Enabled from another repository's configuration and not yet confirmed: unusable (remote.NAME.annex-verified
    /// says "manual", and the reference's verified-remote.log has no entry for it).</summary>
    Pending,
}

/// <summary>
/// The verification gate of git-annex 10.20261026 (doc/git-annex-verifyremote.mdwn, CVE-2026-112818): a special
/// remote whose configuration came from someone else's git-annex branch cannot be used until the user confirms it
/// points where they expect, and a configuration changed in the branch later only takes effect once confirmed.
/// The confirmed configuration of each remote is kept in .git/annex/verified-remote.log (remote.log's format);
/// configurations shown for confirmation, under the IDs the user types back, in verifying-remote.log.
/// </summary>
public sealed class RemoteVerification(AnnexRepo repo)
{
    private string VerifiedLog => Path.Combine(repo.Locations.AnnexDir, "verified-remote.log");
    private string VerifyingLog => Path.Combine(repo.Locations.AnnexDir, "verifying-remote.log");
    private string VerifiedLock => Path.Combine(repo.Locations.AnnexDir, "verified-remote.lck");
    private string VerifyingLock => Path.Combine(repo.Locations.AnnexDir, "verifying-remote.lck");

    /// <summary>
    /// Verified when the remote's confirmed configuration is recorded. The first time this version (or the
    /// reference since 10.20261026) runs in a repository, the log does not exist yet: every special remote already
    /// enabled then is taken as verified with its current configuration, as the reference does, so upgrading breaks
    /// nothing. Unlike the reference, a remote marked as awaiting verification (annex-verified=manual) is never
    /// taken on trust that way.
    /// </summary>
    public VerificationState StateOf(Uuid uuid, IReadOnlyDictionary<Uuid, IReadOnlyDictionary<string, string>> logged)
    {
        EnsureStarted(logged);
        return VerifiedConfig(uuid) != null ? VerificationState.Verified : VerificationState.Pending;
    }

    /// <summary>Creates the log on first use, recording the special remotes enabled before the gate existed.</summary>
    public void EnsureStarted(IReadOnlyDictionary<Uuid, IReadOnlyDictionary<string, string>> logged)
    {
        if (File.Exists(VerifiedLog)) return;
        Directory.CreateDirectory(repo.Locations.AnnexDir);
        using var lk = PosixLock.Take(VerifiedLock, exclusive: true, wait: true);
        if (File.Exists(VerifiedLog)) return;
        var log = RemoteConfigLog.Parse([]);
        foreach (var name in repo.Config.RemoteNames())
            if (Uuid.TryParse(repo.Config.Get($"remote.{name}.annex-uuid") ?? "", out var u) && logged.TryGetValue(u, out var config)
                && repo.Config.Get($"remote.{name}.annex-verified") is not ("manual" or "automatic"))
                log.Set(u, config, LogClock.Candidate());
        AtomicFile.Write(VerifiedLog, RemoteConfigLog.Format(log));
    }

    /// <summary>
    /// While a remote autoenabled by init awaits verification, content may come in from anywhere but may not go out
    /// to, or be removed from, any remote: the autoenabled remote could be an attacker's window onto a private
    /// repository of the user's. Throws the reference's refusal, naming the remote to verify.
    /// </summary>
    public static void RefuseWritesWhileAutoEnabledUnverified(AnnexRepo repo)
    {
        var name = repo.Config.RemoteNames().FirstOrDefault(n => repo.Config.Get($"remote.{n}.annex-verified") == "automatic");
        if (name != null)
            throw new UserErrorException($"Write prevented due to an unverified special remote. Run this command to verify it: git-annex verifyremote {name}")
                { AsWarning = true };
    }

    public static string Refusal(string name) =>
        $"This special remote cannot be used since it's not verified. Run this command to verify it: git-annex verifyremote {name}";

    private MapLog<Uuid, IReadOnlyDictionary<string, string>> ReadVerified() =>
        RemoteConfigLog.Parse(File.Exists(VerifiedLog) ? File.ReadAllBytes(VerifiedLog) : []);

    /// <summary>The configuration confirmed for the remote, if one was recorded.</summary>
    public IReadOnlyDictionary<string, string>? VerifiedConfig(Uuid uuid) =>
        ReadVerified().TryGetValue(uuid, out var c) ? c : null;

    public void RecordVerified(Uuid uuid, IReadOnlyDictionary<string, string> config)
    {
        Directory.CreateDirectory(repo.Locations.AnnexDir);
        using var lk = PosixLock.Take(VerifiedLock, exclusive: true, wait: true);
        var log = ReadVerified();
        log.Set(uuid, config, LogClock.Candidate());
        AtomicFile.Write(VerifiedLog, RemoteConfigLog.Format(log));
    }

    /// <summary>Records a configuration shown to the user and returns the ID that accepts it.</summary>
    public long Show(IReadOnlyDictionary<string, string> config)
    {
        Directory.CreateDirectory(repo.Locations.AnnexDir);
        using var lk = PosixLock.Take(VerifyingLock, exclusive: true, wait: true);
        var pending = ReadPending();
        var id = VerifyingRemoteLog.NextId(pending);
        AtomicFile.WriteText(VerifyingLog, VerifyingRemoteLog.Format([.. pending, new PendingVerification(LogClock.Candidate(), id, config)]));
        return id;
    }

    /// <summary>
    /// `--safe ID`: the configuration shown under ID for this remote becomes the confirmed one and the remote
    /// usable. False when no such ID was shown for a remote of that name.
    /// </summary>
    public async Task<bool> AcceptAsync(string name, Uuid uuid, long id, CancellationToken ct)
    {
        PendingVerification? accepted;
        using (PosixLock.Take(VerifyingLock, exclusive: true, wait: true))
        {
            var pending = ReadPending();
            accepted = pending.FirstOrDefault(p => p.Id == id && p.Config.TryGetValue("name", out var n) && n == name);
            if (accepted == null) return false;
            AtomicFile.WriteText(VerifyingLog, VerifyingRemoteLog.Format(pending.Where(p => p != accepted)));
        }
        RecordVerified(uuid, accepted.Config);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-verified", "verified", ct);
        // A git remote added from remote.log is used for content only from now on.
        if (repo.Config.Get($"remote.{name}.annex-uuid") == null)
            await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        return true;
    }

    private List<PendingVerification> ReadPending() =>
        File.Exists(VerifyingLog) ? VerifyingRemoteLog.Parse(File.ReadAllText(VerifyingLog)).ToList() : [];

    /// <summary>A configuration as verifyremote shows it: type first, then the type's own fields in the order its
    /// parser lists them (<paramref name="typeFields"/>), then the others in order; never the name.</summary>
    public static string Display(IReadOnlyDictionary<string, string> config, IReadOnlyList<string> typeFields)
    {
        var words = new List<string>();
        if (config.TryGetValue("type", out var t)) words.Add("type=" + t);
        foreach (var f in typeFields)
            if (config.TryGetValue(f, out var v)) words.Add(f + "=" + v);
        words.AddRange(config.Where(kv => kv.Key is not ("type" or "name") && !typeFields.Contains(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        return string.Join(' ', words);
    }

    /// <summary>What enableremote and verifyremote print to ask for confirmation of a remote not yet usable.</summary>
    public static string PromptNew(string name, IReadOnlyDictionary<string, string> config, IReadOnlyList<string> typeFields, long id) =>
        $"This is the configuration of the remote:\n\t{Display(config, typeFields)}\n\nIs this a location that you expected to be using?\n"
        + $"If so, run:  git-annex verifyremote {name} --safe {id}\nIf not, run: git-annex verifyremote {name} --unsafe\n";

    /// <summary>What verifyremote prints when remote.log has a configuration newer than the one confirmed.</summary>
    public static string PromptUpdated(string name, IReadOnlyDictionary<string, string> config, IReadOnlyList<string> typeFields, long id) =>
        $"There is an updated configuration of the remote:\n\t{Display(config, typeFields)}\n\nIs this a location that you expected to be using?\n"
        + $"If so, run:  git-annex verifyremote {name} --safe {id}\n"
        + "If not, you do not need to do anything; the previously\nverified configuration of the remote will continue to\nbe used.\n";

    public static string UnsafePending(string name) =>
        $"So the remote {name} is in a location you did not expect\nto be using. You may be under attack.\n\n"
        + "No annexed files have been sent to or retrieved from the\nremote since it was enabled.\n\n"
        + "But, if the remote supports git fetch, branches may have been\npulled from it into this repository. If you determine that\n"
        + "git has fetched information from the remote, you may need to\nclean up those branches to avoid leaking information from the\n"
        + "remote. Bear in mind that the git-annex branch could be amoung\nthem.\n\n"
        + $"Git pushes to all remotes have been blocked since remote\n{name} was enabled, and will stay blocked as long as it exists.\n"
        + $"Once you have dealt with this attack, you can unblock by running:\n\tgit remote remove {name}";

    public static string UnsafeVerified(string name) =>
        $"Unfortunately, information may have leaked from {name}.\n\n"
        + "Either it has already been verified as safe, or it was\nenabled by a previous version of git-annex that did not verify\n"
        + "the location of special remotes. So nothing prevented\ninformation from it being sent to other remotes.";
}
