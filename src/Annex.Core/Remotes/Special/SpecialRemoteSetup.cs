using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Special;

/// <summary>
/// initremote and enableremote (doc/git-annex-initremote.mdwn, doc/git-annex-enableremote.mdwn): checking a
/// special remote's configuration the way the reference does, recording it in remote.log and uuid.log, and
/// writing the per-clone git configs. Values the user typed are checked strictly; values already in
/// remote.log (written by any version) are taken as they are.
/// </summary>
public static class SpecialRemoteSetup
{
    private static readonly string[] CommonFields =
        ["name", "sameas-name", "sameas-uuid", "autoenable", "cost", "preferreddir", "type", "exporttree", "importtree", "annexobjects"];
    private static readonly string[] ChunkFields = ["chunk", "chunksize"];
    private static readonly string[] EncryptionFields =
        ["encryption", "cipher", "cipherkeys", "pubkeys", "embedcreds", "onlyencryptcreds", "mac", "keyid", "keyid+", "keyid-", "highRandomQuality"];
    private static readonly string[] YesNoFields = ["exporttree", "importtree", "annexobjects", "embedcreds", "onlyencryptcreds", "ignoreinodes", "shellescape"];
    private static readonly string[] Encryptions = ["hybrid", "none", "pubkey", "shared", "sharedpubkey"];

    /// <summary>keyValToConfig: "k=v" words; a word without '=' is a field with an empty value.</summary>
    public static Dictionary<string, string> ParseWords(IEnumerable<string> words)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            var eq = w.IndexOf('=');
            if (eq < 0) d[w] = "";
            else d[w[..eq]] = w[(eq + 1)..];
        }
        return d;
    }

    /// <summary>`initremote NAME k=v…`: a new special remote. Returns its UUID.</summary>
    public static async Task<Uuid> InitAsync(AnnexRepo repo, string name, IReadOnlyDictionary<string, string> fromUser, string cwd, CancellationToken ct)
    {
        var store = new RemoteConfigStore(repo);
        if ((await store.FindByNameAsync(name, ct)).Count > 0)
            throw new UserErrorException($"There is already a special remote named \"{name}\". (Use enableremote to enable an existing special remote.)");
        if (repo.Config.RemoteNames().Contains(name))
            throw new UserErrorException($"There is already a remote named \"{name}\"");
        var config = new Dictionary<string, string>(fromUser, StringComparer.Ordinal) { ["name"] = name };
        Uuid uuid;
        if (config.Remove("uuid", out var given))
            uuid = Uuid.TryParse(given, out var u) ? u : throw new UserErrorException("invalid uuid");
        else uuid = Uuid.NewRandom();
        if (config.TryGetValue("type", out var t) && t == "git")
        {
            ValidateFields(GitRemoteRecord.Fields, config, fromUser.Keys.ToHashSet(StringComparer.Ordinal));
            return await GitRemoteRecord.InitAsync(repo, name, config, given != null ? uuid : null, ct);
        }
        var type = FindType(config);
        Validate(type, config, fromUser.Keys.ToHashSet(StringComparer.Ordinal));
        var result = type.Setup(repo, name, config, cwd);
        await WriteGitConfigAsync(repo, name, uuid, result, verified: true, ct);
        // Set up here, by this user: its configuration is verified as it is.
        new RemoteVerification(repo).RecordVerified(uuid, result.Config);
        await new UuidLogStore(repo).DescribeAsync(uuid, name, ct);
        await store.SetAsync(uuid, result.Config, ct);
        return uuid;
    }

    /// <summary>What enableremote did: the ID the user must confirm the configuration with, or null when the
    /// remote was already verified in this clone (and stays so with the parameters the user just typed).</summary>
    public sealed record EnableResult(Uuid Uuid, long? PendingId, IReadOnlyDictionary<string, string> Config);

    /// <summary>
    /// `enableremote NAME k=v…` for a special remote recorded in remote.log. A remote this clone has not verified
    /// is left unusable until the user confirms the configuration shown (CVE-2026-112818); one already verified
    /// here starts from its verified configuration, so enabling it again cannot slip in a change made elsewhere.
    /// </summary>
    public static async Task<EnableResult> EnableAsync(AnnexRepo repo, string name, Uuid uuid, IReadOnlyDictionary<string, string> logged,
        IReadOnlyDictionary<string, string> fromUser, string cwd, CancellationToken ct)
    {
        var verification = new RemoteVerification(repo);
        var allLogged = await new RemoteConfigStore(repo).ConfigsAsync(ct);
        // Before this remote is configured: the remotes enabled earlier are the ones taken as verified.
        verification.EnsureStarted(allLogged);
        bool verifiedHere = repo.Config.Get($"remote.{name}.annex-uuid") == uuid.Value
            && verification.StateOf(uuid, allLogged) == VerificationState.Verified;
        var config = new Dictionary<string, string>(verifiedHere ? verification.VerifiedConfig(uuid)! : logged, StringComparer.Ordinal);
        foreach (var (k, v) in fromUser) config[k] = v;
        if (config.TryGetValue("type", out var t) && t == "git")
        {
            ValidateFields(GitRemoteRecord.Fields, config, fromUser.Keys.ToHashSet(StringComparer.Ordinal));
            await GitRemoteRecord.AddForVerificationAsync(repo, name, config, ct);
            await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-ignore", "false", ct);
            await new RemoteConfigStore(repo).SetAsync(uuid, config, ct);
            if (verifiedHere)
            {
                verification.RecordVerified(uuid, config);
                return new EnableResult(uuid, null, config);
            }
            return new EnableResult(uuid, verification.Show(config), config);
        }
        var type = FindType(config);
        Validate(type, config, fromUser.Keys.ToHashSet(StringComparer.Ordinal));
        var result = type.Setup(repo, name, config, cwd);
        await WriteGitConfigAsync(repo, name, uuid, result, verifiedHere, ct);
        // An enabled remote is no longer ignored, whatever an earlier failure to reach it set.
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-ignore", "false", ct);
        await new RemoteConfigStore(repo).SetAsync(uuid, result.Config, ct);
        if (verifiedHere)
        {
            verification.RecordVerified(uuid, result.Config);
            return new EnableResult(uuid, null, result.Config);
        }
        return new EnableResult(uuid, verification.Show(result.Config), result.Config);
    }

    private static SpecialRemoteType FindType(IReadOnlyDictionary<string, string> config)
    {
        if (!config.TryGetValue("type", out var t)) throw new UserErrorException("Specify the type of remote with type=");
        if (!SpecialRemoteTypes.Known.Contains(t))
            throw new UserErrorException($"Unknown remote type {t} (pick from: {string.Join(' ', SpecialRemoteTypes.Known)})");
        return SpecialRemoteTypes.Find(t) ?? throw new UserErrorException($"not implemented: special remotes of type {t}");
    }

    /// <summary>The reference's checks, in its order: encryption, then each field's value, then fields nobody takes,
    /// then export/import support.</summary>
    private static void Validate(SpecialRemoteType type, IReadOnlyDictionary<string, string> config, IReadOnlySet<string> typed)
    {
        if (!config.TryGetValue("encryption", out var enc) || !Encryptions.Contains(enc))
            throw new UserErrorException($"Specify {string.Join(" or ", Encryptions.Select(e => "encryption=" + e))}.");
        ValidateFields(type.Fields.Concat(ChunkFields).Concat(EncryptionFields), config, typed);
        foreach (var (field, supported) in new[] { ("exporttree", type.SupportsExport), ("importtree", type.SupportsImport) })
            if (config.TryGetValue(field, out var v) && v == "yes" && !supported)
                throw new UserErrorException($"{field} is not supported by this special remote");
        // Export is implemented for directory remotes; import only as part of an exporttree=yes remote.
        bool Yes(string f) => config.TryGetValue(f, out var v) && v == "yes";
        if (Yes("exporttree") && type.Name != "directory")
            throw new UserErrorException($"not implemented: exporttree=yes special remotes of type {type.Name}");
        if (Yes("importtree") && !Yes("exporttree"))
            throw new UserErrorException("not implemented: importtree=yes special remotes without exporttree=yes");
        if (enc != "none")
            throw new UserErrorException($"not implemented: encryption={enc} (only encryption=none is supported so far)");
    }

    /// <summary>Values the user typed for the common fields, then fields no one takes (a git remote takes no encryption).</summary>
    private static void ValidateFields(IEnumerable<string> fields, IReadOnlyDictionary<string, string> config, IReadOnlySet<string> typed)
    {
        foreach (var (k, v) in config.Where(kv => typed.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (YesNoFields.Contains(k) && v is not ("yes" or "no")) throw new UserErrorException($"Bad value for {k} (expected yes or no)");
            if (k == "autoenable" && v is not ("true" or "false")) throw new UserErrorException($"Bad value for {k} (expected true or false)");
            if (k == "cost" && !double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                throw new UserErrorException($"Bad value for {k} (expected a number)");
        }
        var accepted = fields.Concat(CommonFields).ToHashSet(StringComparer.Ordinal);
        var unexpected = config.Keys.Where(k => typed.Contains(k) && !accepted.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0) throw new UserErrorException("Unexpected parameters: " + string.Join(' ', unexpected));
    }

    /// <summary>gitConfigSpecialRemote, then whether the remote is verified, and that `git fetch --all` skips it,
    /// since it holds no git refs.</summary>
    private static async Task WriteGitConfigAsync(AnnexRepo repo, string name, Uuid uuid, SetupResult result, bool verified, CancellationToken ct)
    {
        foreach (var (field, value) in result.GitConfig)
            await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-{field}", value, ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-uuid", uuid.Value, ct);
        // An autoenabled remote stays readable while it awaits verification; any other awaits it unusable.
        var state = verified ? "verified" : repo.Config.Get($"remote.{name}.annex-verified") == "automatic" ? "automatic" : "manual";
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.annex-verified", state, ct);
        await repo.Config.SetAsync(repo.Git, $"remote.{name}.skipFetchAll", "true", ct);
    }
}
