using System.Text;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.Database;

/// <summary>
/// The export database of one export remote, .git/annex/export/UUID/exportdb/db (Database/Export.hs):
/// <c>exported</c> is what the remote holds (key, path), <c>export_tree</c> the files of the tree being
/// exported, <c>exported_directory</c> each directory of an exported path (for removing emptied ones), and
/// <c>export_tree_current</c> the tree <c>export_tree</c> describes. Upstream's schema, keys and paths as
/// blobs, so the reference continues an export begun here and the other way round.
/// </summary>
public sealed class ExportDb : IDisposable
{
    public const string Schema =
        "CREATE TABLE IF NOT EXISTS \"exported\"(\"id\" INTEGER PRIMARY KEY,\"key\" BLOB NOT NULL,\"file\" BLOB NOT NULL,CONSTRAINT \"exported_index\" UNIQUE (\"key\",\"file\"));"
        + "CREATE TABLE IF NOT EXISTS \"exported_directory\"(\"id\" INTEGER PRIMARY KEY,\"subdir\" BLOB NOT NULL,\"file\" BLOB NOT NULL,CONSTRAINT \"exported_directory_index\" UNIQUE (\"subdir\",\"file\"));"
        + "CREATE TABLE IF NOT EXISTS \"export_tree\"(\"id\" INTEGER PRIMARY KEY,\"key\" BLOB NOT NULL,\"file\" BLOB NOT NULL,CONSTRAINT \"export_tree_key_file_index\" UNIQUE (\"key\",\"file\"),CONSTRAINT \"export_tree_file_key_index\" UNIQUE (\"file\",\"key\"));"
        + "CREATE TABLE IF NOT EXISTS \"export_tree_current\"(\"id\" INTEGER PRIMARY KEY,\"tree\" VARCHAR NOT NULL,CONSTRAINT \"unique_tree\" UNIQUE (\"tree\"));";

    private readonly Sqlite _db;
    private ExportDb(Sqlite db) { _db = db; }

    public static string DbDir(Locations loc, Uuid remote) => Path.Combine(loc.AnnexDir, "export", remote.Value, "exportdb");

    public static ExportDb Open(Locations loc, Uuid remote)
    {
        var dir = DbDir(loc, remote);
        var db = Sqlite.OpenCreating(dir, Schema,
            Path.Combine(Path.GetDirectoryName(dir)!, "exportdb.lck"), Path.Combine(Path.GetDirectoryName(dir)!, "exportdb.upl"));
        return new ExportDb(db);
    }

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public void Begin() => _db.Exec("BEGIN;");
    public void Commit() => _db.Exec("COMMIT;");

    public string? CurrentTree()
    {
        using var st = _db.Prepare("SELECT tree FROM export_tree_current");
        return st.Step() ? st.Text(0) : null;
    }

    /// <summary>Replaces the recorded export tree (its files and its sha).</summary>
    public void SetExportTree(string tree, IEnumerable<(string Path, Key Key)> files)
    {
        _db.Execute("DELETE FROM export_tree");
        _db.Execute("DELETE FROM export_tree_current");
        foreach (var (p, k) in files)
            _db.Execute("INSERT OR IGNORE INTO export_tree(key, file) VALUES (?, ?)", B(k.ToString()), B(p));
        _db.Execute("INSERT INTO export_tree_current(tree) VALUES (?)", tree);
    }

    /// <summary>Paths in the export tree holding the key (where `get` finds it).</summary>
    public List<string> ExportTreeLocations(Key key)
    {
        var r = new List<string>();
        using var st = _db.Prepare("SELECT file FROM export_tree WHERE key = ?", B(key.ToString()));
        while (st.Step()) r.Add(st.Text(0));
        return r;
    }

    public Dictionary<string, Key> Exported()
    {
        var r = new Dictionary<string, Key>(StringComparer.Ordinal);
        using var st = _db.Prepare("SELECT key, file FROM exported");
        while (st.Step()) if (Key.TryParse(st.Text(0), out var k)) r[st.Text(1)] = k;
        return r;
    }

    public List<string> ExportedLocations(Key key)
    {
        var r = new List<string>();
        using var st = _db.Prepare("SELECT file FROM exported WHERE key = ?", B(key.ToString()));
        while (st.Step()) r.Add(st.Text(0));
        return r;
    }

    public void AddExported(Key key, string file)
    {
        _db.Execute("INSERT OR IGNORE INTO exported(key, file) VALUES (?, ?)", B(key.ToString()), B(file));
        foreach (var dir in Parents(file))
            _db.Execute("INSERT OR IGNORE INTO exported_directory(subdir, file) VALUES (?, ?)", B(dir), B(file));
    }

    public void RemoveExported(Key key, string file)
    {
        _db.Execute("DELETE FROM exported WHERE key = ? AND file = ?", B(key.ToString()), B(file));
        _db.Execute("DELETE FROM exported_directory WHERE file = ?", B(file));
    }

    /// <summary>After an import: the remote holds exactly these files.</summary>
    public void SetExported(IEnumerable<(string Path, Key Key)> files)
    {
        _db.Execute("DELETE FROM exported");
        _db.Execute("DELETE FROM exported_directory");
        foreach (var (p, k) in files) AddExported(k, p);
    }

    /// <summary>"a/b/c" -> "a", "a/b" (upstream's exportDirectories).</summary>
    public static IEnumerable<string> Parents(string file)
    {
        for (int i = file.IndexOf('/'); i >= 0; i = file.IndexOf('/', i + 1)) yield return file[..i];
    }

    public void Dispose() => _db.Dispose();
}
