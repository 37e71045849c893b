using Annex.Core.Annex;
using Annex.Core.Database;
using Annex.Core.Keys;

namespace Annex.Tests.Annex;

public class KeysDbTests : IDisposable
{
    private static readonly Key Foo = Key.Parse("SHA256E-s6--5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    private readonly string _dir = Directory.CreateTempSubdirectory("keysdb-test").FullName;
    private Locations Loc => new(_dir, bare: false);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    // Texts taken from a keys database the reference (10.20261026) wrote.
    [InlineData("13361683 6 1795487485 62504335", 13361683UL, 6L, 1795487485L, 625043350L)]
    [InlineData("13361662 6 1795487485 631543241", 13361662UL, 6L, 1795487485L, 631543241L)]
    [InlineData("7 0 1795487485 062", 7UL, 0L, 1795487485L, 62000000L)]
    public void InodeCacheTextIsUpstreams(string text, ulong inode, long size, long secs, long nanos)
    {
        var ic = InodeCache.Parse(text);
        Assert.Equal(new InodeCache(inode, size, secs, nanos), ic);
        Assert.Equal(text, ic!.Value.ToString());
    }

    [Fact]
    public void WholeSecondMtimeEndsInASpaceAsHaskellsShowDoes()
    {
        var ic = new InodeCache(5, 3, 100, 0);
        Assert.Equal("5 3 100 ", ic.ToString());
        Assert.Equal(ic, InodeCache.Parse("5 3 100 "));
    }

    [Fact]
    public void LowResolutionCacheMatchesOnWholeSeconds()
    {
        var low = InodeCache.Parse("5 3 100")!.Value;
        Assert.Null(low.MtimeNanoseconds);
        Assert.True(low.Matches(new InodeCache(5, 3, 100, 123)));
        Assert.False(new InodeCache(5, 3, 100, 1).Matches(new InodeCache(5, 3, 100, 2)));
        Assert.Null(InodeCache.Parse("x 3 100"));
    }

    [Fact]
    public void CreatesUpstreamsSchemaAndRoundTrips()
    {
        Directory.CreateDirectory(Loc.AnnexDir);
        using (var db = KeysDb.Open(Loc))
        {
            db.AddAssociatedFile(Foo, "a");
            db.AddAssociatedFile(Foo, "dir/b");
            db.AddAssociatedFile(Foo, "a"); // idempotent
            db.AddInodeCaches(Foo, new InodeCache(1, 6, 1795487485, 62504335), new InodeCache(2, 6, 1795487485, 1));
        }
        Assert.True(File.Exists(Path.Combine(_dir, "annex", "keysdb", "db")));
        using (var db = KeysDb.Open(Loc))
        {
            Assert.Equal(["a", "dir/b"], db.GetAssociatedFiles(Foo).Order());
            Assert.Equal([Foo], db.GetAssociatedKey("dir/b"));
            Assert.True(db.IsKnownCopy(Foo, new InodeCache(2, 6, 1795487485, 1)));
            Assert.False(db.IsKnownCopy(Foo, new InodeCache(3, 6, 1795487485, 1)));
            db.RemoveAssociatedFile(Foo, "a");
            Assert.Equal(["dir/b"], db.GetAssociatedFiles(Foo));
            db.RemoveInodeCaches(Foo);
            Assert.Empty(db.GetInodeCaches(Foo));
        }
        using var raw = Sqlite.Open(KeysDb.DbPath(Loc), readOnly: true);
        using (var st = raw.Prepare("SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            var sql = new List<string>();
            while (st.Step()) sql.Add(st.Text(0));
            Assert.Equal(
            [
                "CREATE TABLE \"associated\"(\"id\" INTEGER PRIMARY KEY,\"key\" BLOB NOT NULL,\"file\" BLOB NOT NULL,CONSTRAINT \"key_file_index\" UNIQUE (\"key\",\"file\"),CONSTRAINT \"file_key_index\" UNIQUE (\"file\",\"key\"))",
                "CREATE TABLE \"content\"(\"id\" INTEGER PRIMARY KEY,\"key\" BLOB NOT NULL,\"inodecache\" VARCHAR NOT NULL,\"filesize\" VARCHAR NOT NULL,\"mtime\" INTEGER NOT NULL,CONSTRAINT \"key_inode_cache_index\" UNIQUE (\"key\",\"inodecache\"),CONSTRAINT \"inode_cache_key_index\" UNIQUE (\"inodecache\",\"key\"))",
            ], sql);
        }
        // Keys and files are blobs, as the reference stores them (a text key would never equal its blob).
        using (var st = raw.Prepare("SELECT typeof(key), typeof(file) FROM associated"))
        {
            Assert.True(st.Step());
            Assert.Equal("blob", st.Text(0));
            Assert.Equal("blob", st.Text(1));
        }
        using (var st = raw.Prepare("PRAGMA journal_mode"))
        {
            Assert.True(st.Step());
            Assert.Equal("wal", st.Text(0));
        }
    }

    [Fact]
    public void AFileModifiedInPlaceNoLongerMatchesItsInodeCache()
    {
        var f = Path.Combine(_dir, "f");
        File.WriteAllText(f, "aaaa");
        File.SetLastWriteTimeUtc(f, new DateTime(2020, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc));
        var before = InodeCache.Of(f)!.Value;
        Assert.Equal(500_000_000, before.MtimeNanoseconds);
        using (var fs = new FileStream(f, FileMode.Open)) fs.Write("bbbb"u8); // same size, same inode
        Assert.False(before.Matches(InodeCache.Of(f)!.Value));
        Assert.Null(InodeCache.Of(Path.Combine(_dir, "missing")));
    }

    [Fact]
    public void AFileHasOneKey()
    {
        Directory.CreateDirectory(Loc.AnnexDir);
        var bar = Key.Parse("SHA256E-s4--7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730");
        using var db = KeysDb.Open(Loc);
        db.AddAssociatedFile(Foo, "a");
        db.AddAssociatedFile(bar, "a");
        Assert.Equal([bar], db.GetAssociatedKey("a"));
        Assert.Empty(db.GetAssociatedFiles(Foo));
    }
}
