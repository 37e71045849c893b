using System.Text;
using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.DirectoryRemote;

/// <summary>
/// A directory remote with exporttree=yes holds files under their tree paths (Remote/Directory.hs storeExportM,
/// removeExportM, renameExportM and, with importtree=yes, the *WithContentIdentifier variants). A content
/// identifier is the file's inode cache text ("INODE SIZE SECONDS FRACTION"; the inode 0 with
/// ignoreinodes=yes), so a file someone changed in the directory is never overwritten or removed unseen.
/// </summary>
public sealed class DirectoryExport(string root, bool ignoreInodes)
{
    public string Root { get; } = root;

    public string PathOf(string loc) => Path.Combine(Root, loc);

    private void RequireRoot()
    {
        if (!Directory.Exists(Root)) throw new UserErrorException($"directory {Root} is not accessible");
    }

    /// <summary>mkContentIdentifier: null for a missing or non-regular file.</summary>
    public byte[]? ContentIdentifier(string path)
    {
        if (InodeCache.Of(path) is not { } ic) return null;
        if (ignoreInodes) ic = ic with { Inode = 0 };
        return Encoding.UTF8.GetBytes(ic.ToString());
    }

    /// <summary>guardSameContentIdentifiers' equality: also the same when only one side ignored the inode.</summary>
    public static bool SameContent(byte[] current, IEnumerable<byte[]> known)
    {
        var cur = InodeCache.Parse(Encoding.UTF8.GetString(current));
        foreach (var k in known)
        {
            if (k.AsSpan().SequenceEqual(current)) return true;
            if (cur is { } c && InodeCache.Parse(Encoding.UTF8.GetString(k)) is { } o
                && (c with { Inode = 0 }) == (o with { Inode = 0 }) && (c.Inode == 0 || o.Inode == 0)) return true;
        }
        return false;
    }

    /// <summary>storeExportM: via a temporary file, so a reader never sees part of it under its name.</summary>
    public void Store(string source, string loc)
    {
        RequireRoot();
        var dest = PathOf(loc);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        var tmp = dest + ".tmp" + Environment.ProcessId;
        CopyDurably(source, tmp);
        File.Move(tmp, dest, overwrite: true);
    }

    /// <summary>storeExportWithContentIdentifierM: copies to a temporary file beside the destination, takes its
    /// content identifier, and renames it over the destination only if that holds nothing or content whose
    /// identifier is in <paramref name="overwritable"/>.</summary>
    public byte[] StoreChecked(string source, string loc, IReadOnlyList<byte[]> overwritable)
    {
        RequireRoot();
        var dest = PathOf(loc);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        var tmp = Path.Combine(Path.GetDirectoryName(dest)!, Path.GetFileName(dest) + ".tmp" + Environment.ProcessId);
        try
        {
            CopyDurably(source, tmp);
            var cid = ContentIdentifier(tmp) ?? throw new UserErrorException("unable to generate content identifier");
            if (!SafeToReplace(dest, overwritable)) throw new UserErrorException("unsafe to overwrite file");
            File.Move(tmp, dest, overwrite: true);
            return cid;
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    /// <summary>checkExportContent: nothing there, or a regular file whose identifier is known.</summary>
    public bool SafeToReplace(string dest, IReadOnlyList<byte[]> known)
    {
        var st = Posix.TryStat(dest, follow: false);
        if (st == null) return true;
        return ContentIdentifier(dest) is { } cid && SameContent(cid, known);
    }

    public void Remove(string loc)
    {
        RequireRoot();
        var p = PathOf(loc);
        if (File.Exists(p) || Posix.TryStat(p, follow: false) != null) File.Delete(p);
        RemoveEmptyParents(loc);
    }

    /// <summary>removeExportWithContentIdentifierM: refuses to remove a file changed since it was exported.</summary>
    public void RemoveChecked(string loc, IReadOnlyList<byte[]> removable)
    {
        RequireRoot();
        if (Posix.TryStat(PathOf(loc), follow: false) == null) return;
        if (!SafeToReplace(PathOf(loc), removable)) throw new UserErrorException("unsafe to remove modified file");
        Remove(loc);
    }

    public void Rename(string oldLoc, string newLoc)
    {
        RequireRoot();
        var dest = PathOf(newLoc);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        File.Move(PathOf(oldLoc), dest, overwrite: true);
        RemoveEmptyParents(oldLoc);
    }

    /// <summary>removeExportLocation: the emptied parent directories, up to but not including the top.</summary>
    private void RemoveEmptyParents(string loc)
    {
        for (var d = Path.GetDirectoryName(loc); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            try { Directory.Delete(PathOf(d)); }
            catch (IOException) { return; }
        }
    }

    private static void CopyDurably(string source, string dest)
    {
        using var src = File.OpenRead(source);
        using var dst = new FileStream(dest, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        src.CopyTo(dst, 1 << 20);
        dst.Flush(flushToDisk: true);
    }
}
