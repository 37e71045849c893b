using System.Text;
using Annex.Core.Annex;
using Annex.Core.Keys;

namespace Annex.Core.Database;

/// <summary>
/// The keys database, .git/annex/keysdb/db (Database/Keys.hs, Database/Keys/SQL.hs): which work-tree files
/// are unlocked copies of which key, and the inode caches of every copy of a key's content (the object and
/// each unlocked file), so an unchanged file is never re-hashed and a changed one is never taken for the
/// key. Upstream's schema exactly (persistent's tables, keys and files stored as blobs, WAL journal), so
/// the reference and this implementation read each other's database. Opened on first use only.
/// </summary>
public sealed class KeysDb : IDisposable
{
    public const string Schema =
        "CREATE TABLE IF NOT EXISTS \"associated\"(\"id\" INTEGER PRIMARY KEY,\"key\" BLOB NOT NULL,\"file\" BLOB NOT NULL,"
        + "CONSTRAINT \"key_file_index\" UNIQUE (\"key\",\"file\"),CONSTRAINT \"file_key_index\" UNIQUE (\"file\",\"key\"));"
        + "CREATE TABLE IF NOT EXISTS \"content\"(\"id\" INTEGER PRIMARY KEY,\"key\" BLOB NOT NULL,\"inodecache\" VARCHAR NOT NULL,"
        + "\"filesize\" VARCHAR NOT NULL,\"mtime\" INTEGER NOT NULL,CONSTRAINT \"key_inode_cache_index\" UNIQUE (\"key\",\"inodecache\"),"
        + "CONSTRAINT \"inode_cache_key_index\" UNIQUE (\"inodecache\",\"key\"));";

    private readonly Sqlite _db;

    private KeysDb(Sqlite db) { _db = db; }

    public static string DbDir(Locations loc) => Path.Combine(loc.AnnexDir, "keysdb");
    public static string DbPath(Locations loc) => Path.Combine(DbDir(loc), "db");

    /// <summary>Opens the database, creating it (in a temporary directory, then moved into place, as upstream does) when missing.</summary>
    public static KeysDb Open(Locations loc)
    {
        var db = Sqlite.OpenCreating(DbDir(loc), Schema, Path.Combine(loc.AnnexDir, "keysdb.lck"));
        return new KeysDb(db);
    }

    private static byte[] K(Key key) => Encoding.UTF8.GetBytes(key.ToString());
    private static byte[] F(string topRelative) => Encoding.UTF8.GetBytes(topRelative);

    /// <summary>Records that <paramref name="file"/> (top-relative) is an unlocked copy of <paramref name="key"/>; a file has one key.</summary>
    public void AddAssociatedFile(Key key, string file)
    {
        // Usually already recorded (the filter sees the same pointer again and again): a read, no write.
        var keys = GetAssociatedKey(file);
        if (keys.Count == 1 && keys[0] == key) return;
        _db.Execute("DELETE FROM associated WHERE file = ? AND key <> ?", F(file), K(key));
        _db.Execute("INSERT OR IGNORE INTO associated(key, file) VALUES (?, ?)", K(key), F(file));
    }

    public void RemoveAssociatedFile(Key key, string file) =>
        _db.Execute("DELETE FROM associated WHERE key = ? AND file = ?", K(key), F(file));

    /// <summary>Files once associated with the key (some may no longer be: callers check the work tree).</summary>
    public List<string> GetAssociatedFiles(Key key)
    {
        var r = new List<string>();
        using var st = _db.Prepare("SELECT file FROM associated WHERE key = ?", K(key));
        while (st.Step()) r.Add(st.Text(0));
        return r;
    }

    public List<Key> GetAssociatedKey(string file)
    {
        var r = new List<Key>();
        using var st = _db.Prepare("SELECT key FROM associated WHERE file = ?", F(file));
        while (st.Step()) if (Key.TryParse(st.Text(0), out var k)) r.Add(k);
        return r;
    }

    public void AddInodeCaches(Key key, params InodeCache[] caches)
    {
        foreach (var ic in caches)
            _db.Execute("INSERT OR IGNORE INTO content(key, inodecache, filesize, mtime) VALUES (?, ?, ?, ?)",
                K(key), ic.ToString(), ic.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), ic.MtimeSeconds);
    }

    /// <summary>A key's inode caches: one for the object, one for each unlocked copy.</summary>
    public List<InodeCache> GetInodeCaches(Key key)
    {
        var r = new List<InodeCache>();
        using var st = _db.Prepare("SELECT inodecache FROM content WHERE key = ?", K(key));
        while (st.Step()) if (InodeCache.Parse(st.Text(0)) is { } ic) r.Add(ic);
        return r;
    }

    public void RemoveInodeCaches(Key key) => _db.Execute("DELETE FROM content WHERE key = ?", K(key));

    public void RemoveInodeCache(InodeCache ic) => _db.Execute("DELETE FROM content WHERE inodecache = ?", ic.ToString());

    /// <summary>True when the file's current inode cache is one recorded for the key (its content is the key's, unhashed).</summary>
    public bool IsKnownCopy(Key key, InodeCache ic) => GetInodeCaches(key).Any(ic.Matches);

    public void Dispose() => _db.Dispose();
}
