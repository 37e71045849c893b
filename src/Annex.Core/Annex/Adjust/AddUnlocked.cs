using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex.Adjust;

/// <summary>
/// New annexed files on an adjusted branch that unlocks files are added unlocked (Annex/Ingest.hs addUnlocked):
/// with an unlock adjustment always, with unlock-present when the content is present.
/// </summary>
public static class AddUnlocked
{
    public static async Task<bool> OnAdjustedBranchAsync(GitRepo git, bool contentPresent, CancellationToken ct) =>
        await AdjustedBranch.CurrentAsync(git, ct) is { } cur
        && (cur.Adjustment.Link == LinkAdjustment.Unlock
            || (cur.Adjustment.LockUnlockPresent == LockUnlockPresentAdjustment.UnlockPresent && contentPresent));

    /// <summary>
    /// Puts the content (or, without it, the pointer) at the file and stages the pointer, recording the file's
    /// association and, with content, the inode caches of both copies (Command/FromKey.hs, Annex/Content.hs linkAnnex).
    /// </summary>
    public static async Task WriteAndStageAsync(AnnexRepo repo, UpdateIndex index, string file, Key key, bool exec, CancellationToken ct)
    {
        var full = Path.Combine(repo.Git.TopDir, file);
        var tmp = full + ".annex-unlock-tmp";
        var obj = new ObjectStore(repo.Locations).PathOf(key);
        if (obj != null)
        {
            if (repo.Config.GetBool("annex.thin", false)) Posix.HardLinkOrCopy(obj, tmp);
            else File.Copy(obj, tmp, overwrite: true);
            Posix.TrySetMode(tmp, exec ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }
        else await File.WriteAllTextAsync(tmp, WorkTree.PointerContent(key), ct);
        File.Move(tmp, full, overwrite: true);
        var db = repo.KeysDb;
        db.AddAssociatedFile(key, file);
        if (obj != null && InodeCache.Of(full) is { } dic && InodeCache.Of(obj) is { } sic)
            db.AddInodeCaches(key, dic, sic);
        var sha = await repo.HashObject.HashBytesAsync(Encoding.UTF8.GetBytes(WorkTree.PointerContent(key)), ct);
        await index.StageAsync(exec ? UpdateIndex.ExecMode : UpdateIndex.FileMode, sha, file, ct);
    }
}
