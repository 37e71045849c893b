using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Content locks (v10 layout): &lt;object&gt;.lck next to the object. A shared lock means "this copy is
/// being counted as kept" (a remote's copy proving numcopies for a drop elsewhere); an exclusive lock
/// means "this copy is being removed". The two exclude each other, so a copy relied on cannot vanish.
/// </summary>
public static class ContentLock
{
    /// <summary>Locks the object for keeping; null when it is not present or being removed.</summary>
    public static PosixLock? LockShared(Locations loc, Key key)
    {
        var obj = loc.PresentObjectPath(key);
        if (obj == null) return null;
        var lk = TryLock(obj + ".lck", exclusive: false);
        if (lk == null) return null;
        if (!File.Exists(obj)) { lk.Dispose(); return null; }
        return lk;
    }

    /// <summary>Locks the object for removal; null when another process holds it for keeping or a retention promise runs.</summary>
    public static PosixLock? LockExclusive(Locations loc, Key key)
    {
        var obj = loc.PresentObjectPath(key) ?? loc.ObjectPath(key);
        var lk = TryLock(obj + ".lck", exclusive: true);
        // A peer was promised this copy for a while (LOCKCONTENT retention): it is not ours to remove yet.
        if (lk != null && ContentRetention.IsRetained(obj, DateTimeOffset.UtcNow)) { lk.Dispose(); return null; }
        return lk;
    }

    private static PosixLock? TryLock(string path, bool exclusive)
    {
        var dir = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(dir)) return null;
        try
        {
            return PosixLock.Take(path, exclusive, wait: false);
        }
        catch (IOException)
        {
            // The object directory is read-only (locked down): open the lock file after making it writable briefly.
            ObjectStore.MakeWritable(dir);
            try { return PosixLock.Take(path, exclusive, wait: false); }
            finally { File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) & ~UnixFileMode.UserWrite); }
        }
    }
}
