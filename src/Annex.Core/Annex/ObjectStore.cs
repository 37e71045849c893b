using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// The local object store (.git/annex/objects). Objects are locked down: file 0444 in a 0555 directory
/// (doc/internals/lockdown.mdwn), so a stray write or rm -f in the work tree cannot change or remove them.
/// Content enters only by rename of a complete, verified file. On a crippled filesystem modes are left
/// alone (Annex/Perms.hs freezeContent: such a filesystem ignores or refuses them).
/// </summary>
public sealed class ObjectStore(Locations loc)
{
    public bool Has(Key key) => loc.PresentObjectPath(key) != null;

    public string? PathOf(Key key) => loc.PresentObjectPath(key);

    /// <summary>
    /// Moves a complete file into the store under <paramref name="key"/>. Returns false (leaving the
    /// source alone) when the key is already present: the existing, verified copy wins.
    /// </summary>
    public bool MoveIn(Key key, string source, bool durable = true)
    {
        var dest = loc.ObjectPath(key);
        if (Has(key)) return false;
        var dir = Path.GetDirectoryName(dest)!;
        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        if (!Directory.Exists(dir)) Directory.CreateDirectory(dir);
        else if (!loc.Crippled) MakeWritable(dir);
        if (durable) FsyncFile(source);
        if (!loc.Crippled) File.SetUnixFileMode(source, ReadOnlyMode(File.GetUnixFileMode(source)));
        File.Move(source, dest, overwrite: false);
        if (!loc.Crippled)
            File.SetUnixFileMode(dir, ReadOnlyMode(File.GetUnixFileMode(dir)) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return true;
    }

    /// <summary>Removes a key's object (callers hold the content lock and have checked numcopies).</summary>
    public void Remove(Key key)
    {
        foreach (var path in loc.ObjectPathCandidates(key))
        {
            if (!File.Exists(path)) continue;
            var dir = Path.GetDirectoryName(path)!;
            // Thawing is still tried on a crippled filesystem, which may have kept a mode from before.
            if (loc.Crippled) Posix.TrySetMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.UserWrite);
            else MakeWritable(dir);
            File.Delete(path);
            foreach (var side in new[] { ".lck", ".rtm", ".rtl" })
                try { File.Delete(path + side); } catch (IOException) { }
            try { Directory.Delete(dir); } catch (IOException) { }
            RemoveEmptyParents(Path.GetDirectoryName(dir)!);
        }
    }

    private void RemoveEmptyParents(string dir)
    {
        for (int i = 0; i < 2 && dir.StartsWith(loc.ObjectsDir, StringComparison.Ordinal) && dir != loc.ObjectsDir; i++)
        {
            try { Directory.Delete(dir); } catch (IOException) { return; }
            dir = Path.GetDirectoryName(dir)!;
        }
    }

    public static void MakeWritable(string dir) =>
        File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.UserWrite);

    private static UnixFileMode ReadOnlyMode(UnixFileMode m) =>
        m & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

    public static void FsyncFile(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        fs.Flush(true);
    }

    /// <summary>Every key with an object in the store (for unused, info).</summary>
    public IEnumerable<Key> AllKeys()
    {
        if (!Directory.Exists(loc.ObjectsDir)) yield break;
        foreach (var f in Directory.EnumerateFiles(loc.ObjectsDir, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(f);
            if (Path.GetFileName(Path.GetDirectoryName(f)) != name) continue;
            if (KeyFile.TryParse(name, out var key)) yield return key;
        }
    }
}
