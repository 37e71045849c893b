using System.Text;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Database;

/// <summary>
/// .git/annex/cidsdb/db (Database/ContentIdentifier.hs): which key a remote's content identifier stands for,
/// a cache of the .log.cid files. <c>annex_branch</c> holds the git-annex branch tree the cache was last
/// brought up to date from; rows added here without touching it are re-read by upstream from the branch,
/// which is harmless (unique rows), so this side never claims a tree it has not scanned.
/// </summary>
public sealed class ContentIdentifierDb : IDisposable
{
    public const string Schema =
        "CREATE TABLE IF NOT EXISTS \"content_identifiers\"(\"id\" INTEGER PRIMARY KEY,\"remote\" BLOB NOT NULL,\"cid\" BLOB NOT NULL,\"key\" BLOB NOT NULL,"
        + "CONSTRAINT \"content_indentifiers_key_remote_cid_index\" UNIQUE (\"key\",\"remote\",\"cid\"),"
        + "CONSTRAINT \"content_indentifiers_cid_remote_key_index\" UNIQUE (\"cid\",\"remote\",\"key\"));"
        + "CREATE TABLE IF NOT EXISTS \"annex_branch\"(\"id\" INTEGER PRIMARY KEY,\"tree\" VARCHAR NOT NULL,CONSTRAINT \"unique_tree\" UNIQUE (\"tree\"));";

    private readonly Sqlite _db;
    private ContentIdentifierDb(Sqlite db) { _db = db; }

    public static ContentIdentifierDb Open(Locations loc)
    {
        var db = Sqlite.OpenCreating(Path.Combine(loc.AnnexDir, "cidsdb"), Schema, Path.Combine(loc.AnnexDir, "cidsdb.lck"));
        return new ContentIdentifierDb(db);
    }

    public void Record(Uuid remote, byte[] cid, Key key) =>
        _db.Execute("INSERT OR IGNORE INTO content_identifiers(remote, cid, key) VALUES (?, ?, ?)",
            Encoding.UTF8.GetBytes(remote.Value), cid, Encoding.UTF8.GetBytes(key.ToString()));

    /// <summary>The keys a remote's content identifier is known to stand for.</summary>
    public List<Key> KeysFor(Uuid remote, byte[] cid)
    {
        var r = new List<Key>();
        using var st = _db.Prepare("SELECT key FROM content_identifiers WHERE cid = ? AND remote = ?", cid, Encoding.UTF8.GetBytes(remote.Value));
        while (st.Step()) if (Key.TryParse(st.Text(0), out var k)) r.Add(k);
        return r;
    }

    public void Dispose() => _db.Dispose();
}
