using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Matching;

/// <summary>
/// The terms shared by command-line matching options and preferred-content expressions
/// (doc/git-annex-matching-options.mdwn, doc/git-annex-preferred-content.mdwn).
/// </summary>
public static class Terms
{
    public delegate ValueTask<bool> Test(MatchSubject s, CancellationToken ct);

    public static Test Include(string glob)
    {
        var g = new Glob(glob);
        return (s, _) => ValueTask.FromResult(s.Path != null && g.IsMatch(s.Path));
    }

    public static Test Exclude(string glob)
    {
        var g = new Glob(glob);
        return (s, _) => ValueTask.FromResult(s.Path == null || !g.IsMatch(s.Path));
    }

    public static Test Size(string option, string value, bool larger)
    {
        if (!DataUnits.TryParse(value, out var n)) throw new UserErrorException($"bad size for {option}: {value}");
        return (s, _) => ValueTask.FromResult((s.Key?.Size ?? s.Size) is { } v && (larger ? v > n : v < n));
    }

    public static Test InBackend(string name) => (s, _) => ValueTask.FromResult(s.Key != null && s.Key.Backend == name);

    public static Test SecureHash() =>
        (s, _) => ValueTask.FromResult(s.Key != null && Backends.ForKey(s.Key)?.IsCryptographicallySecure == true);

    public static Test Metadata(AnnexRepo repo, string spec)
    {
        var m = MetadataMatch.Parse(spec);
        return async (s, ct) => s.Key != null && m.Matches(await new MetadataStore(repo).GetAsync(s.Key, ct));
    }

    /// <summary>Content is present in repository <paramref name="uuid"/> (here: the object store itself).</summary>
    public static Test PresentIn(AnnexRepo repo, Uuid uuid) => async (s, ct) =>
    {
        if (s.Key == null) return false;
        if (uuid == repo.Uuid) return new ObjectStore(repo.Locations).Has(s.Key);
        return (await new LocationLogStore(repo).PresentAsync(s.Key, ct)).Contains(uuid);
    };

    /// <summary>copies=N, copies=TRUSTLEVEL:N or copies=GROUP:N: at least N copies (not counting dead repositories).</summary>
    public static Test Copies(AnnexRepo repo, string spec)
    {
        int colon = spec.LastIndexOf(':');
        var within = colon < 0 ? null : spec[..colon];
        if (!int.TryParse(colon < 0 ? spec : spec[(colon + 1)..], out var n)) throw new UserErrorException($"bad number in copies={spec}");
        return async (s, ct) =>
        {
            if (s.Key == null) return false;
            var present = await new LocationLogStore(repo).PresentAsync(s.Key, ct);
            var trust = await new TrustLogStore(repo).LevelsAsync(ct);
            TrustLevel LevelOf(Uuid u) => trust.TryGetValue(u, out var l) ? l : TrustLevel.SemiTrusted;
            IEnumerable<Uuid> counted = present.Where(u => LevelOf(u) != TrustLevel.Dead);
            if (within != null)
            {
                if (TrustLog.TryParseName(within, out var level)) counted = counted.Where(u => LevelOf(u) == level);
                else
                {
                    var groups = await new PreferredContentStore(repo).GroupsAsync(ct);
                    counted = counted.Where(u => groups.TryGetValue(u, out var g) && g.Contains(within));
                }
            }
            return counted.Count() >= n;
        };
    }

    /// <summary>lackingcopies=N: numcopies minus the copies in trusted and semitrusted repositories is at least N.</summary>
    public static Test LackingCopies(AnnexRepo repo, string value)
    {
        if (!int.TryParse(value, out var n)) throw new UserErrorException($"bad number for lackingcopies: {value}");
        return async (s, ct) =>
        {
            if (s.Key == null) return false;
            var need = await new NumCopiesStore(repo).NumCopiesAsync(ct);
            var present = await new LocationLogStore(repo).PresentAsync(s.Key, ct);
            var trust = await new TrustLogStore(repo).LevelsAsync(ct);
            var have = present.Count(u => !trust.TryGetValue(u, out var l) || l is TrustLevel.SemiTrusted or TrustLevel.Trusted);
            return need - have >= n;
        };
    }

    /// <summary>inallgroup=GROUP: every repository in the group has the content.</summary>
    public static Test InAllGroup(AnnexRepo repo, string group) => async (s, ct) =>
    {
        if (s.Key == null) return false;
        var members = (await new PreferredContentStore(repo).GroupsAsync(ct)).Where(kv => kv.Value.Contains(group)).Select(kv => kv.Key).ToList();
        if (members.Count == 0) return false;
        var present = await new LocationLogStore(repo).PresentAsync(s.Key, ct);
        return members.All(present.Contains);
    };

    public static Test Constant(bool value) => (_, _) => ValueTask.FromResult(value);
}
