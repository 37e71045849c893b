using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>
/// Content that failed verification is moved aside to .git/annex/bad/KEYFILE (Annex/Content.hs
/// moveBad), never deleted: it may be the only copy of something close to the original.
/// </summary>
public static class BadContent
{
    public static string BadPath(Locations loc, Key key) => Path.Combine(loc.BadDir, KeyFile.Escape(key));

    /// <summary>Moves the object at <paramref name="objectPath"/> to the bad directory; returns where it went.</summary>
    public static string MoveBad(Locations loc, Key key, string objectPath)
    {
        var dest = BadPath(loc, key);
        Directory.CreateDirectory(loc.BadDir);
        var dir = Path.GetDirectoryName(objectPath)!;
        ObjectStore.MakeWritable(dir);
        File.Move(objectPath, dest, overwrite: true);
        foreach (var side in new[] { ".lck", ".rtm", ".rtl" })
            try { File.Delete(objectPath + side); } catch (IOException) { }
        try { Directory.Delete(dir); } catch (IOException) { }
        // Hash directories left empty go too, as the reference's cleanObjectLoc does.
        var parent = Path.GetDirectoryName(dir)!;
        for (int i = 0; i < 2 && parent.StartsWith(loc.ObjectsDir, StringComparison.Ordinal) && parent != loc.ObjectsDir; i++)
        {
            try { Directory.Delete(parent); } catch (IOException) { break; }
            parent = Path.GetDirectoryName(parent)!;
        }
        return dest;
    }

    /// <summary>Locks down a present object and its directory (fsck's permission fixup).</summary>
    public static void Freeze(string objectPath)
    {
        const UnixFileMode write = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        try
        {
            File.SetUnixFileMode(objectPath, File.GetUnixFileMode(objectPath) & ~write);
            var dir = Path.GetDirectoryName(objectPath)!;
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) & ~write);
        }
        catch (UnauthorizedAccessException) { }
        catch (IOException) { }
    }
}
