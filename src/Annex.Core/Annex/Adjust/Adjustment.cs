namespace Annex.Core.Annex.Adjust;

public enum LinkAdjustment { Unlock, Lock, Fix, UnFix }
public enum PresenceAdjustment { HideMissing, ShowMissing }
public enum LockUnlockPresentAdjustment { UnlockPresent, LockPresent }

/// <summary>
/// An adjustment of a branch (Types/AdjustedBranch.hs, Annex/AdjustedBranch/Name.hs): exactly one of a link
/// adjustment, a presence adjustment (optionally with a link adjustment), or lock/unlock-present. Serialized
/// into the branch name as `adjusted/master(unlocked)`, `(hidemissing-unlocked)`, `(unlockpresent)`.
/// </summary>
public sealed record Adjustment(LinkAdjustment? Link, PresenceAdjustment? Presence, LockUnlockPresentAdjustment? LockUnlockPresent)
{
    public const string BranchPrefix = "refs/heads/adjusted/";

    public static Adjustment OfLink(LinkAdjustment l) => new(l, null, null);
    public static Adjustment OfPresence(PresenceAdjustment p, LinkAdjustment? l) => new(l, p, null);
    public static Adjustment OfLockUnlockPresent(LockUnlockPresentAdjustment a) => new(null, null, a);

    /// <summary>Hiding files depends on which content is present, so the adjusted tree can change without the basis changing.</summary>
    public bool IsStable => Presence != PresenceAdjustment.HideMissing && LockUnlockPresent != LockUnlockPresentAdjustment.UnlockPresent;

    public bool HidesFiles => Presence == PresenceAdjustment.HideMissing;

    public Adjustment Reverse() => new(
        Link switch
        {
            LinkAdjustment.Unlock => LinkAdjustment.Lock,
            LinkAdjustment.Lock => LinkAdjustment.Lock, // kept locked on purpose, as upstream does
            LinkAdjustment.Fix => LinkAdjustment.UnFix,
            LinkAdjustment.UnFix => LinkAdjustment.Fix,
            _ => null,
        },
        Presence switch
        {
            PresenceAdjustment.HideMissing => PresenceAdjustment.ShowMissing,
            PresenceAdjustment.ShowMissing => PresenceAdjustment.HideMissing,
            _ => null,
        },
        LockUnlockPresent switch
        {
            LockUnlockPresentAdjustment.UnlockPresent => LockUnlockPresentAdjustment.LockPresent,
            LockUnlockPresentAdjustment.LockPresent => LockUnlockPresentAdjustment.UnlockPresent,
            _ => null,
        });

    public string Serialize()
    {
        if (LockUnlockPresent is { } lu) return lu == LockUnlockPresentAdjustment.UnlockPresent ? "unlockpresent" : "lockpresent";
        if (Presence is { } p)
        {
            var ps = p == PresenceAdjustment.HideMissing ? "hidemissing" : "showmissing";
            return Link is { } pl ? ps + "-" + LinkName(pl) : ps;
        }
        return LinkName(Link ?? LinkAdjustment.Unlock);
    }

    private static string LinkName(LinkAdjustment l) => l switch
    {
        LinkAdjustment.Unlock => "unlocked",
        LinkAdjustment.Lock => "locked",
        LinkAdjustment.Fix => "fixed",
        _ => "unfixed",
    };

    private static LinkAdjustment? ParseLink(string s) => s switch
    {
        "unlocked" => LinkAdjustment.Unlock,
        "locked" => LinkAdjustment.Lock,
        "fixed" => LinkAdjustment.Fix,
        "unfixed" => LinkAdjustment.UnFix,
        _ => null,
    };

    private static PresenceAdjustment? ParsePresence(string s) => s switch
    {
        "hidemissing" => PresenceAdjustment.HideMissing,
        "showmissing" => PresenceAdjustment.ShowMissing,
        _ => null,
    };

    public static Adjustment? Parse(string s)
    {
        if (ParseLink(s) is { } l) return OfLink(l);
        int dash = s.IndexOf('-');
        if (dash >= 0 && ParsePresence(s[..dash]) is { } p1) return OfPresence(p1, ParseLink(s[(dash + 1)..]));
        if (ParsePresence(s) is { } p) return OfPresence(p, null);
        return s switch
        {
            "unlockpresent" => OfLockUnlockPresent(LockUnlockPresentAdjustment.UnlockPresent),
            "lockpresent" => OfLockUnlockPresent(LockUnlockPresentAdjustment.LockPresent),
            _ => null,
        };
    }

    /// <summary>refs/heads/master + unlock -> refs/heads/adjusted/master(unlocked).</summary>
    public string AdjustedBranch(string origBranch) => BranchPrefix + BaseName(origBranch) + "(" + Serialize() + ")";

    /// <summary>refs/heads/adjusted/master(unlocked) -> refs/basis/adjusted/master(unlocked).</summary>
    public static string BasisOf(string adjustedBranch) => "refs/basis/" + BaseName(adjustedBranch);

    /// <summary>The adjustment and original branch of an adjusted branch; null for any other branch.</summary>
    public static (Adjustment Adjustment, string Original)? FromAdjustedBranch(string branch)
    {
        if (!branch.StartsWith(BranchPrefix, StringComparison.Ordinal)) return null;
        var rest = branch[BranchPrefix.Length..];
        int open = rest.LastIndexOf('(');
        if (open < 0) return null;
        var inner = rest[(open + 1)..];
        int close = inner.IndexOf(')');
        if (close >= 0) inner = inner[..close];
        var adj = Parse(inner);
        return adj == null ? null : (adj, "refs/heads/" + rest[..open]);
    }

    private static string BaseName(string branch) =>
        branch.StartsWith("refs/heads/", StringComparison.Ordinal) ? branch["refs/heads/".Length..] : branch;
}
