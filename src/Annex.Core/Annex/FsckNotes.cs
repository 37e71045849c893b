namespace Annex.Core.Annex;

/// <summary>
/// The texts fsck warns with (Command/Fsck.hs missingNote, honorDead, verifyLocationLog'), kept word
/// for word since scripts and users match them. Lists of repositories come in already formatted, one
/// tab-indented "uuid -- description" line each.
/// </summary>
public static class FsckNotes
{
    public static string MissingNote(string file, int present, int needed, string untrusted, string dead)
    {
        if (present == 0 && untrusted.Length == 0)
            return "** No known copies exist of " + file + HonorDead(dead);
        if (present == 0)
            return "Only these untrusted locations may have copies of " + file + "\n" + untrusted
                + "Back it up to trusted locations with git-annex copy." + HonorDead(dead);
        var basic = $"Only {present} of {needed} trustworthy copies exist of {file}\nBack it up with git-annex copy.";
        if (untrusted.Length == 0) return basic;
        return basic + "\nThe following untrusted locations may also have copies: \n" + untrusted;
    }

    public static string HonorDead(string dead) =>
        dead.Length == 0 ? "" : "\nThese dead repositories used to have copies\n" + dead;

    public static string ExpectedPresentButMissing(string desc) =>
        "** Based on the location log, " + desc + "\n** was expected to be present, but its content is missing.";
}
