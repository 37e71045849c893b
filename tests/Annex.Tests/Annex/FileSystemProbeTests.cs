using Annex.Core.Annex;

namespace Annex.Tests.Annex;

/// <summary>
/// The init probes (Annex/Init.hs probeCrippledFileSystem', probeLockSupport, probeFifoSupport) decided
/// against a fake filesystem that can be made to behave like ext4, vfat, or something in between.
/// </summary>
public class FileSystemProbeTests
{
    private sealed class FakeFs : IProbeFileSystem
    {
        public bool Symlinks = true, ChmodWorks = true, Fifos = true, HardLinks = true, Locks = true;
        public bool IsRoot { get; set; }
        public readonly Dictionary<string, (string Content, UnixFileMode Mode, bool Fifo)> Files = [];
        public readonly List<string> Log = [];

        public void WriteFile(string path, string content)
        {
            Log.Add("write " + Path.GetFileName(path));
            if (Files.TryGetValue(path, out var f))
            {
                if (!IsRoot && (f.Mode & UnixFileMode.UserWrite) == 0) throw new UnauthorizedAccessException(path);
                Files[path] = f with { Content = content };
            }
            else Files[path] = (content, (UnixFileMode)0b110_100_100, false);
        }

        public void DeleteIfExists(string path) => Files.Remove(path);

        public void CreateSymlink(string linkPath, string target)
        {
            Log.Add("symlink");
            if (!Symlinks) throw new IOException("Operation not permitted");
            Files[linkPath] = (target, (UnixFileMode)0b111_111_111, false);
        }

        public UnixFileMode GetMode(string path) => Files[path].Mode;

        public void SetMode(string path, UnixFileMode mode)
        {
            Log.Add("chmod " + Convert.ToString((int)mode, 8));
            if (ChmodWorks) Files[path] = Files[path] with { Mode = mode };
        }

        public void MakeFifo(string path)
        {
            if (!Fifos) throw new IOException("Operation not permitted");
            Files[path] = ("", UnixFileMode.UserRead, true);
        }

        public void HardLink(string existing, string newPath)
        {
            if (!HardLinks) throw new IOException("Operation not permitted");
            Files[newPath] = Files[existing];
        }

        public bool IsFifo(string path) => Files.TryGetValue(path, out var f) && f.Fifo;

        public void LockAndUnlock(string path)
        {
            if (!Locks) throw new IOException("No locks available");
            Files[path] = ("", (UnixFileMode)0b110_100_100, false);
        }
    }

    private const string Tmp = "/repo/.git/annex/othertmp";
    private static Task<string?> NoHook(string _) => Task.FromResult<string?>(null);

    private static Task<CrippledProbeResult> Crippled(IProbeFileSystem fs, bool hasFreezeHook = false) =>
        FileSystemProbe.CrippledAsync(fs, Tmp, NoHook, NoHook, hasFreezeHook);

    [Fact]
    public async Task AnOrdinaryFilesystemIsNotCrippledAndTheProbeFilesAreGone()
    {
        var fs = new FakeFs();
        var r = await Crippled(fs);
        Assert.False(r.Crippled);
        Assert.Empty(r.Warnings);
        Assert.Empty(fs.Files);
        // Frozen (write bits off), probed, thawed (owner write back).
        Assert.Equal(["write gaprobe", "chmod 444", "symlink", "write gaprobe", "chmod 644"], fs.Log);
    }

    [Fact]
    public async Task NoSymlinksIsCrippledWithoutAWarning()
    {
        var r = await Crippled(new FakeFs { Symlinks = false, ChmodWorks = false });
        Assert.True(r.Crippled);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task WriteBitsThatCannotBeRemovedMakeItCrippled()
    {
        var r = await Crippled(new FakeFs { ChmodWorks = false, IsRoot = true });
        Assert.True(r.Crippled);
        Assert.Equal(["Filesystem does not allow removing write bit from files."], r.Warnings);
    }

    [Fact]
    public async Task AFreezeHookStandsInForWriteBits()
    {
        var r = await Crippled(new FakeFs { ChmodWorks = false, IsRoot = true }, hasFreezeHook: true);
        Assert.False(r.Crippled);
    }

    [Fact]
    public async Task WritableFrozenFilesAreCrippledExceptForRoot()
    {
        // The mode says read-only, yet the write goes through (permissions ignored).
        var fs = new IgnoresPermissionsFs();
        var r = await Crippled(fs);
        Assert.True(r.Crippled);
        Assert.Equal(["Filesystem allows writing to files whose write bit is not set."], r.Warnings);

        var root = await Crippled(new IgnoresPermissionsFs { IsRoot = true });
        Assert.False(root.Crippled);
    }

    private sealed class IgnoresPermissionsFs : IProbeFileSystem
    {
        private readonly FakeFs _inner = new();
        public bool IsRoot { get => _inner.IsRoot; set => _inner.IsRoot = value; }
        public void WriteFile(string path, string content)
        {
            var wasRoot = _inner.IsRoot;
            _inner.IsRoot = true;
            _inner.WriteFile(path, content);
            _inner.IsRoot = wasRoot;
        }
        public void DeleteIfExists(string path) => _inner.DeleteIfExists(path);
        public void CreateSymlink(string linkPath, string target) => _inner.CreateSymlink(linkPath, target);
        public UnixFileMode GetMode(string path) => _inner.GetMode(path);
        public void SetMode(string path, UnixFileMode mode) => _inner.SetMode(path, mode);
        public void MakeFifo(string path) => _inner.MakeFifo(path);
        public void HardLink(string existing, string newPath) => _inner.HardLink(existing, newPath);
        public bool IsFifo(string path) => _inner.IsFifo(path);
        public void LockAndUnlock(string path) => _inner.LockAndUnlock(path);
    }

    [Fact]
    public async Task AFailingFreezeHookLeavesItUndecided()
    {
        var r = await FileSystemProbe.CrippledAsync(new FakeFs(), Tmp, _ => Task.FromResult<string?>("git configured command 'false'"),
            NoHook, hasFreezeHook: true);
        Assert.Null(r.Crippled);
        Assert.Equal(["Failed to run git configured command 'false'. Unable to initialize until this is fixed."], r.Warnings);
    }

    [Fact]
    public async Task AFailingThawHookLeavesItUndecidedAndKeepsTheProbesWarnings()
    {
        var r = await FileSystemProbe.CrippledAsync(new FakeFs { ChmodWorks = false, IsRoot = true }, Tmp, NoHook,
            _ => Task.FromResult<string?>("/repo/.git/hooks/thawcontent-annex"), hasFreezeHook: false);
        Assert.Null(r.Crippled);
        Assert.Equal(
            ["Failed to run /repo/.git/hooks/thawcontent-annex. Unable to initialize until this is fixed.",
             "Filesystem does not allow removing write bit from files."], r.Warnings);
    }

    [Fact]
    public async Task AnAlreadyCrippledRepositoryDoesNotChmodTheProbe()
    {
        var fs = new FakeFs { IsRoot = true };
        var r = await FileSystemProbe.CrippledAsync(fs, Tmp, NoHook, NoHook, hasFreezeHook: false, alreadyCrippled: true);
        Assert.True(r.Crippled);
        Assert.DoesNotContain("chmod 444", fs.Log);
    }

    [Fact]
    public void FifosNeedBothTheFifoAndAHardLinkToIt()
    {
        Assert.True(FileSystemProbe.FifoSupport(new FakeFs(), Tmp));
        Assert.False(FileSystemProbe.FifoSupport(new FakeFs { Fifos = false }, Tmp));
        Assert.False(FileSystemProbe.FifoSupport(new FakeFs { HardLinks = false }, Tmp));
        var fs = new FakeFs();
        FileSystemProbe.FifoSupport(fs, Tmp);
        Assert.Empty(fs.Files);
    }

    [Fact]
    public void LockSupportIsWhetherAnFcntlLockCanBeTaken()
    {
        Assert.True(FileSystemProbe.LockSupport(new FakeFs(), Tmp));
        var fs = new FakeFs { Locks = false };
        Assert.False(FileSystemProbe.LockSupport(fs, Tmp));
        Assert.Empty(fs.Files);
    }

    [Fact]
    public async Task TheRealFilesystemHereIsNotCrippled()
    {
        var dir = Directory.CreateTempSubdirectory("probe-").FullName;
        try
        {
            var real = new RealProbeFileSystem();
            Assert.True(FileSystemProbe.LockSupport(real, dir));
            Assert.True(FileSystemProbe.FifoSupport(real, dir));
            var r = await FileSystemProbe.CrippledAsync(real, dir, NoHook, NoHook, false);
            Assert.False(r.Crippled);
            Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
