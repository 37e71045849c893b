using System.Runtime.InteropServices;
using System.Text;

namespace Annex.Core.Database;

/// <summary>
/// A minimal SQLite connection over the system's libsqlite3.so.0 (Debian's libsqlite3-0, which the
/// reference's own build links too), called directly: no ADO.NET layer, nothing reflective, and the
/// library is only loaded when a command first opens a database, so start-up stays cheap.
/// </summary>
public sealed partial class Sqlite : IDisposable
{
    private const string Lib = "libsqlite3.so.0";
    private const int SQLITE_OK = 0, SQLITE_ROW = 100, SQLITE_DONE = 101;
    private const int SQLITE_OPEN_READWRITE = 0x2, SQLITE_OPEN_CREATE = 0x4, SQLITE_OPEN_READONLY = 0x1, SQLITE_OPEN_NOMUTEX = 0x8000;
    private static readonly nint Transient = -1;
    private nint _db;

    private Sqlite(nint db) { _db = db; }

    /// <summary>
    /// Opens <c>dir/db</c>, creating it first when missing, as upstream does: the schema is made in a temporary
    /// directory that is then renamed into place, so no reader ever sees half a schema; when another process wins
    /// that race, its database is used. <paramref name="lockFiles"/> (the reference's companions, such as keysdb.lck)
    /// are created beside it. WAL with synchronous=NORMAL: a crash can lose the last writes of these caches, never
    /// corrupt them, and small writes do not each wait for an fsync.
    /// </summary>
    public static Sqlite OpenCreating(string dir, string schema, params IEnumerable<string> lockFiles)
    {
        var path = Path.Combine(dir, "db");
        if (!File.Exists(path))
        {
            var tmp = dir + ".tmp" + Environment.ProcessId;
            Directory.CreateDirectory(tmp);
            using (var init = Open(Path.Combine(tmp, "db")))
            {
                init.Exec("PRAGMA journal_mode=WAL;");
                init.Exec(schema);
            }
            try { Directory.Move(tmp, dir); }
            catch (IOException) { Directory.Delete(tmp, recursive: true); } // another process made it first
            foreach (var f in lockFiles)
                try { File.Create(f).Dispose(); } catch (IOException) { }
        }
        var db = Open(path);
        db.Exec("PRAGMA synchronous=NORMAL;");
        return db;
    }

    public static Sqlite Open(string path, bool readOnly = false)
    {
        int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
        nint db;
        int rc;
        try { rc = sqlite3_open_v2(path, out db, flags, null); }
        catch (DllNotFoundException)
        {
            throw new Utility.UserErrorException("the keys database needs libsqlite3 (Debian package libsqlite3-0), which is not installed");
        }
        if (rc != SQLITE_OK)
        {
            var msg = db != 0 ? Marshal.PtrToStringUTF8(sqlite3_errmsg(db)) : "out of memory";
            if (db != 0) sqlite3_close_v2(db);
            throw new IOException($"sqlite: cannot open {path}: {msg}");
        }
        sqlite3_busy_timeout(db, 60_000);
        return new Sqlite(db);
    }

    /// <summary>Runs statements that return nothing (DDL, pragmas, BEGIN/COMMIT).</summary>
    public void Exec(string sql)
    {
        if (sqlite3_exec(_db, sql, 0, 0, out var err) != SQLITE_OK)
        {
            var msg = err != 0 ? Marshal.PtrToStringUTF8(err) : Error();
            if (err != 0) sqlite3_free(err);
            throw new IOException("sqlite: " + msg);
        }
    }

    /// <summary>Runs one statement with parameters (strings are bound as text, byte[] as blobs, longs as integers).</summary>
    public int Execute(string sql, params object[] args)
    {
        using var st = Prepare(sql, args);
        while (st.Step()) { }
        return sqlite3_changes(_db);
    }

    public Statement Prepare(string sql, params object[] args)
    {
        var utf8 = Encoding.UTF8.GetBytes(sql);
        if (sqlite3_prepare_v2(_db, utf8, utf8.Length, out var stmt, 0) != SQLITE_OK)
            throw new IOException("sqlite: " + Error() + " in " + sql);
        var st = new Statement(this, stmt);
        for (int i = 0; i < args.Length; i++) st.Bind(i + 1, args[i]);
        return st;
    }

    private string Error() => Marshal.PtrToStringUTF8(sqlite3_errmsg(_db)) ?? "unknown error";

    public void Dispose()
    {
        if (_db != 0) { sqlite3_close_v2(_db); _db = 0; }
    }

    public sealed class Statement(Sqlite conn, nint stmt) : IDisposable
    {
        private nint _stmt = stmt;

        internal void Bind(int index, object value)
        {
            int rc = value switch
            {
                byte[] b => sqlite3_bind_blob(_stmt, index, b, b.Length, Transient),
                string s => BindText(index, s),
                long l => sqlite3_bind_int64(_stmt, index, l),
                int n => sqlite3_bind_int64(_stmt, index, n),
                _ => throw new ArgumentException("unsupported sqlite parameter type"),
            };
            if (rc != SQLITE_OK) throw new IOException("sqlite: " + conn.Error());
        }

        private int BindText(int index, string s)
        {
            var b = Encoding.UTF8.GetBytes(s);
            return sqlite3_bind_text(_stmt, index, b, b.Length, Transient);
        }

        /// <summary>Advances; true when a row is available.</summary>
        public bool Step()
        {
            int rc = sqlite3_step(_stmt);
            if (rc == SQLITE_ROW) return true;
            if (rc == SQLITE_DONE) return false;
            throw new IOException("sqlite: " + conn.Error());
        }

        /// <summary>A column's bytes, whether it was stored as text or as a blob (both implementations' rows).</summary>
        public byte[] Bytes(int col)
        {
            var p = sqlite3_column_blob(_stmt, col);
            int n = sqlite3_column_bytes(_stmt, col);
            if (p == 0 || n == 0) return [];
            var r = new byte[n];
            Marshal.Copy(p, r, 0, n);
            return r;
        }

        public string Text(int col) => Encoding.UTF8.GetString(Bytes(col));

        public long Int64(int col) => sqlite3_column_int64(_stmt, col);

        public void Dispose()
        {
            if (_stmt != 0) { sqlite3_finalize(_stmt); _stmt = 0; }
        }
    }

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int sqlite3_open_v2(string filename, out nint db, int flags, string? vfs);
    [LibraryImport(Lib)] private static partial int sqlite3_close_v2(nint db);
    [LibraryImport(Lib)] private static partial int sqlite3_busy_timeout(nint db, int ms);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int sqlite3_exec(nint db, string sql, nint callback, nint arg, out nint errmsg);
    [LibraryImport(Lib)] private static partial void sqlite3_free(nint p);
    [LibraryImport(Lib)] private static partial nint sqlite3_errmsg(nint db);
    [LibraryImport(Lib)] private static partial int sqlite3_changes(nint db);
    [LibraryImport(Lib)] private static partial int sqlite3_prepare_v2(nint db, byte[] sql, int n, out nint stmt, nint tail);
    [LibraryImport(Lib)] private static partial int sqlite3_bind_blob(nint stmt, int i, byte[] v, int n, nint destructor);
    [LibraryImport(Lib)] private static partial int sqlite3_bind_text(nint stmt, int i, byte[] v, int n, nint destructor);
    [LibraryImport(Lib)] private static partial int sqlite3_bind_int64(nint stmt, int i, long v);
    [LibraryImport(Lib)] private static partial int sqlite3_step(nint stmt);
    [LibraryImport(Lib)] private static partial nint sqlite3_column_blob(nint stmt, int col);
    [LibraryImport(Lib)] private static partial int sqlite3_column_bytes(nint stmt, int col);
    [LibraryImport(Lib)] private static partial long sqlite3_column_int64(nint stmt, int col);
    [LibraryImport(Lib)] private static partial int sqlite3_finalize(nint stmt);
}
