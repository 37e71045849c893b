using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Why a copy may be removed (doc/copies.mdwn): enough other copies are known to exist. Trusted
/// repositories count as they are; a semitrusted copy counts only once it is locked in place, and it stays
/// locked until the drop is done (Dispose), so it cannot vanish while we rely on it. Untrusted and dead
/// repositories never count.
/// </summary>
public sealed class DropProof : IAsyncDisposable
{
    private readonly List<CopyLock> _locks;
    public int Verified { get; }
    public bool Ok { get; }
    public string? Explanation { get; }

    /// <summary>
    /// When the earliest of the locks this proof holds may lapse without us knowing (a remote's retention
    /// time); a removal elsewhere after it would no longer be proven safe. Null when no lock can lapse.
    /// </summary>
    public DateTimeOffset? Expires => _locks.Select(l => l.Expires).Where(e => e != null).Min();

    private DropProof(List<CopyLock> locks, int verified, bool ok, string? explanation)
    {
        _locks = locks;
        Verified = verified;
        Ok = ok;
        Explanation = explanation;
    }

    /// <summary>
    /// A place whose copy can be locked for the duration of a drop (this repository, a remote), or, for a place
    /// that cannot lock (a special remote), whose copy can be checked: <paramref name="CheckPresent"/>.
    /// </summary>
    public sealed record Lockable(Uuid Uuid, Func<Key, CancellationToken, Task<CopyLock?>> TryLock,
        Func<Key, CancellationToken, Task<bool>>? CheckPresent = null)
    {
        /// <summary>A repository on this machine, locked with its fcntl content lock.</summary>
        public static Lockable Local(Uuid uuid, Locations loc) => new(uuid, (key, _) => Task.FromResult(CopyLock.Local(loc, key)));
    }

    /// <summary>
    /// Checks that dropping <paramref name="key"/> from <paramref name="droppingFrom"/> leaves at least
    /// numcopies copies, mincopies of them locked or trusted (Types/NumCopies.hs safeDropAnalysis). A copy
    /// only checked to be present (a special remote's) counts towards numcopies: it could be dropped by
    /// someone else at the same moment, which locking prevents. Dropping from here, our own content lock
    /// keeps other drops from counting this copy, so any verified copies will do.
    /// <paramref name="knownPresent"/> are copies verified some other way (e.g. just sent), counted as locked.
    /// </summary>
    public static async Task<DropProof> CheckAsync(AnnexRepo repo, Key key, Uuid droppingFrom, int numCopies, int minCopies,
        IReadOnlyList<Lockable> lockable, IReadOnlyCollection<Uuid> knownPresent, CancellationToken ct,
        string noLocationsMessage = SuggestMove)
    {
        bool local = droppingFrom == repo.Uuid;
        int need = Math.Max(numCopies, minCopies);
        var trust = await new TrustLogStore(repo).LevelsAsync(ct);
        var logged = await new LocationLogStore(repo).PresentAsync(key, ct);
        var locks = new List<CopyLock>();
        var counted = new HashSet<Uuid>();
        var untrusted = new List<Uuid>();
        var toLock = new HashSet<Uuid>();
        foreach (var u in logged.Concat(knownPresent).Distinct())
        {
            if (u == droppingFrom) continue;
            var level = trust.TryGetValue(u, out var l) ? l : TrustLevel.SemiTrusted;
            if (level is TrustLevel.Dead) continue;
            if (level is TrustLevel.Untrusted) untrusted.Add(u);
            else if (level is TrustLevel.Trusted || knownPresent.Contains(u)) counted.Add(u);
            else toLock.Add(u);
        }
        // Locks are taken cheapest place first and only as many as are needed: each may cost a round trip
        // to another host, and the reference shows each one it takes ("locking REMOTE...").
        var checkedPresent = new HashSet<Uuid>();
        var unreachable = new List<Uuid>();
        bool Safe() => numCopies == 0 && minCopies == 0
            || (local ? counted.Count + checkedPresent.Count >= need
                : counted.Count + checkedPresent.Count >= numCopies && counted.Count >= minCopies);
        foreach (var place in lockable)
        {
            if (Safe()) break;
            if (!toLock.Remove(place.Uuid)) continue;
            var lk = await place.TryLock(key, ct);
            if (lk != null)
            {
                locks.Add(lk);
                counted.Add(place.Uuid);
            }
            else if (place.CheckPresent != null)
            {
                try { if (await place.CheckPresent(key, ct)) checkedPresent.Add(place.Uuid); }
                catch (UserErrorException) { unreachable.Add(place.Uuid); /* that copy is not verified */ }
            }
        }
        int have = counted.Count + checkedPresent.Count;
        if (Safe()) return new DropProof(locks, have, true, null);
        foreach (var l in locks) await l.DisposeAsync();
        var descriptions = await new UuidLogStore(repo).DescriptionsAsync(ct);
        if (have >= numCopies)
            return new DropProof([], have, false,
                $"Unable to lock down {minCopies} {(minCopies == 1 ? "copy" : "copies")} of file necessary to safely drop it.\n"
                + "These remotes do not support locking: " + string.Join(' ', checkedPresent.Select(u => new RemoteNames(repo).NameOf(u) ?? u.Value))
                + "\n\n(Use --force to override this check, or adjust numcopies.)");
        // Copies the log knows of that could not be verified here (other repositories to make available).
        bool othersLogged = logged.Any(u => u != droppingFrom && !counted.Contains(u) && !checkedPresent.Contains(u)
            && !untrusted.Contains(u) && !(trust.TryGetValue(u, out var lv) && lv == TrustLevel.Dead));
        if (unreachable.Count > 0 && untrusted.Count == 0)
        {
            // Remote.showTriedRemotes, then showLocations offering the logged copies that were not verified.
            var names = new RemoteNames(repo);
            var others = logged.Where(u => u != droppingFrom && u != repo.Uuid && !counted.Contains(u) && !checkedPresent.Contains(u)
                && !(trust.TryGetValue(u, out var lv2) && lv2 == TrustLevel.Dead)).OrderBy(u => u.Value, StringComparer.Ordinal).ToList();
            var sb = new System.Text.StringBuilder();
            sb.Append(have == 0
                ? $"Could not verify the existence of the {need} necessary {(need == 1 ? "copy" : "copies")}.\n"
                : $"Could only verify the existence of {have} out of {need} necessary {(need == 1 ? "copy" : "copies")}.\n");
            sb.Append("\nUnable to access these remotes: ")
                .Append(string.Join(", ", unreachable.Select(u => names.NameOf(u) ?? (u == UrlLogStore.WebUuid ? "web" : u.Value)))).Append('\n');
            if (others.Count > 0)
            {
                sb.Append("\nTry making some of these remotes available:\n");
                foreach (var u in others)
                {
                    var d = descriptions.TryGetValue(u, out var dd) ? dd : u == UrlLogStore.WebUuid ? "web" : "";
                    var n = names.NameOf(u);
                    sb.Append($"\t{u} -- {d}{(n != null ? $" [{n}]" : "")}\n");
                }
            }
            sb.Append("\n(Use --force to override this check, or adjust numcopies.)");
            return new DropProof([], have, false, sb.ToString());
        }
        return new DropProof([], have, false, Explain(repo, need, have, untrusted, descriptions, othersLogged, noLocationsMessage));
    }

    /// <summary>drop's suggestion when no other repository holding the content could be made available.</summary>
    public const string SuggestMove = "Rather than dropping this file, try using: git annex move";

    private static string Explain(AnnexRepo repo, int need, int have, List<Uuid> untrusted, IReadOnlyDictionary<Uuid, string> desc,
        bool othersLogged, string noLocationsMessage)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(have == 0
            ? $"Could not verify the existence of the {need} necessary {(need == 1 ? "copy" : "copies")}."
            : $"Could only verify the existence of {have} out of {need} necessary {(need == 1 ? "copy" : "copies")}.");
        sb.Append('\n');
        if (untrusted.Count > 0)
        {
            sb.Append("\nAlso these untrusted repositories may contain the file:\n");
            foreach (var u in untrusted)
            {
                var name = new RemoteNames(repo).NameOf(u);
                sb.Append($"\t{u} -- {(desc.TryGetValue(u, out var d) ? d : "")}{(name != null ? $" [{name}]" : "")}\n");
            }
        }
        else if (have == 0 || !othersLogged) sb.Append('\n').Append(noLocationsMessage).Append('\n');
        else sb.Append("\n\n"); // the reference leaves its two empty sections as blank lines
        sb.Append("\n(Use --force to override this check, or adjust numcopies.)");
        return sb.ToString();
    }

    /// <summary>A proof for --force: nothing verified, nothing locked.</summary>
    public static DropProof Forced() => new([], 0, true, null);

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _locks) await l.DisposeAsync();
        _locks.Clear();
    }
}
