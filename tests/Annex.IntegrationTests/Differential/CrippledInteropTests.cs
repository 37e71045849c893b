using Annex.IntegrationTests.Crippled;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// `git annex init` on a crippled filesystem (crippledfs: no symlinks, no fifos, no hard links, chmod ignored)
/// with ours and with the reference: the same warnings, configs and adjusted branch; files added there are
/// unlocked with their content; content moves between clones; and a repository made by one is used by the other.
/// </summary>
public class CrippledInteropTests(CrippledFsFixture fs) : IClassFixture<CrippledFsFixture>
{
    private static readonly string[] ProbedConfigs =
        ["annex.crippledfilesystem", "core.symlinks", "annex.sshcaching", "annex.pidlock", "annex.version"];

    internal static string NewRepo(string annex, string dir)
    {
        Git(annex, dir, "init", "-q");
        Git(annex, dir, "config", "user.name", "Test");
        Git(annex, dir, "config", "user.email", "test@example.com");
        return dir;
    }

    internal static string ConfigOf(string annex, string dir, string key) =>
        RunWith(annex, "git", dir, "config", "--get", key).Out.Trim();

    private static string Branch(string annex, string dir) => Git(annex, dir, "symbolic-ref", "HEAD").Trim();
    private static string Status(string annex, string dir) => Git(annex, dir, "status", "--porcelain");

    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);

    [CrippledFsFact]
    public void InitDetectsTheCrippledFilesystemAsTheReferenceDoes() => InitAsTheReferenceDoes(fs,
        "  Detected a filesystem without fifo support.\n" +
        "  Disabling ssh connection caching.\n" +
        "  Detected a crippled filesystem.\n" +
        "  Entering an adjusted branch where files are unlocked as this filesystem does not support locked files.\n" +
        "Switched to branch 'adjusted/master(unlocked)'\n");

    /// <summary>Runs `git init; git annex init` on <paramref name="fs"/> with both and compares everything.</summary>
    internal static void InitAsTheReferenceDoes(CrippledFsFixture fs, string expectedErr)
    {
        if (!Available()) return;
        var seen = new List<(int Code, string Out, string Err, string Configs, string Branch, string Log)>();
        foreach (var annex in new[] { Reference, Ours })
        {
            var dir = NewRepo(annex, fs.NewDir());
            var r = Run(annex, dir, "init");
            var configs = string.Join("\n", ProbedConfigs.Select(k => $"{k}={ConfigOf(annex, dir, k)}"));
            seen.Add((r.Code, r.Out, r.Err, configs, Branch(annex, dir), Git(annex, dir, "log", "--format=%s", "HEAD")));
            Assert.Equal("", Status(annex, dir));
        }
        var (reference, ours) = (seen[0], seen[1]);
        Assert.Equal(0, reference.Code);
        Assert.Equal(expectedErr, reference.Err);
        Assert.Equal("refs/heads/adjusted/master(unlocked)", reference.Branch);
        Assert.Equal(reference.Configs, ours.Configs);
        Assert.Equal(reference.Err, ours.Err);
        Assert.Equal(reference.Out, ours.Out);
        Assert.Equal(reference.Code, ours.Code);
        Assert.Equal(reference.Branch, ours.Branch);
        Assert.Equal(reference.Log, ours.Log);
    }

    [CrippledFsFact]
    public void InitWarningsAreJsonErrorMessagesWhenAskedAsTheReferenceDoes()
    {
        if (!Available()) return;
        var seen = new List<(int, string, string)>();
        foreach (var annex in new[] { Reference, Ours })
            seen.Add(Run(annex, NewRepo(annex, fs.NewDir()), "init", "--json", "--json-error-messages"));
        Assert.Contains("\"error-messages\":[\"Detected a filesystem without fifo support.\",", seen[0].Item2);
        Assert.Equal(seen[0], seen[1]);
    }

    [CrippledFsFact]
    public void AddedFilesAreUnlockedWithTheirContentAsTheReferenceAddsThem()
    {
        if (!Available()) return;
        var seen = new List<(string Index, string Tree, string Objects)>();
        foreach (var annex in new[] { Reference, Ours })
        {
            var dir = NewRepo(annex, fs.NewDir());
            Ok(Run(annex, dir, "init"));
            File.WriteAllText(Path.Combine(dir, "a.txt"), "hello\n");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "b.bin"), "world\n");
            Ok(Run(annex, dir, "add", "."));
            Git(annex, dir, "commit", "-q", "-m", "add");
            Assert.Equal("", Status(annex, dir));
            // Unlocked: the work tree has the content, git has a pointer file.
            Assert.Equal("hello\n", File.ReadAllText(Path.Combine(dir, "a.txt")));
            Assert.Equal("world\n", File.ReadAllText(Path.Combine(dir, "sub", "b.bin")));
            Assert.StartsWith("/annex/objects/SHA256E-s6--", Git(annex, dir, "cat-file", "-p", "HEAD:a.txt"));
            var objects = Directory.EnumerateFiles(Path.Combine(dir, ".git", "annex", "objects"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal);
            seen.Add((Git(annex, dir, "ls-files", "-s"), Git(annex, dir, "rev-parse", "HEAD^{tree}"), string.Join("\n", objects)));
        }
        Assert.Equal(seen[0].Index, seen[1].Index);
        Assert.Equal(seen[0].Tree, seen[1].Tree);
        // Without symlinks, new content goes in the lower-case hash directories, as in a bare repository.
        Assert.Equal(seen[0].Objects, seen[1].Objects);
        Assert.Contains(".git/annex/objects/d91/b11/", seen[0].Objects);
    }

    public static TheoryData<bool, bool> MakerAndUser => new() { { false, true }, { true, false }, { true, true } };

    [CrippledFsTheory]
    [MemberData(nameof(MakerAndUser))]
    public void ARepositoryMadeByOneIsUsedByTheOther(bool makerIsOurs, bool userIsOurs)
    {
        if (!Available()) return;
        var maker = makerIsOurs ? Ours : Reference;
        var user = userIsOurs ? Ours : Reference;
        var origin = NewRepo(maker, fs.NewDir("origin"));
        Ok(Run(maker, origin, "init", "origin"));
        File.WriteAllText(Path.Combine(origin, "a.txt"), "hello\n");
        Ok(Run(maker, origin, "add", "a.txt"));
        Git(maker, origin, "commit", "-q", "-m", "add a");

        // A clone on the crippled filesystem gets and drops content from it.
        var clone = fs.NewDir("clone");
        Git(user, Path.GetDirectoryName(clone)!, "clone", "-q", origin, clone);
        Git(user, clone, "config", "user.name", "Test");
        Git(user, clone, "config", "user.email", "test@example.com");
        Ok(Run(user, clone, "init", "clone"));
        Assert.Equal("true", ConfigOf(user, clone, "annex.crippledfilesystem"));
        Assert.Equal("refs/heads/adjusted/master(unlocked)", Branch(user, clone));
        var a = Path.Combine(clone, "a.txt");
        Assert.StartsWith("/annex/objects/", File.ReadAllText(a));
        Ok(Run(user, clone, "get", "a.txt"));
        Assert.Equal("hello\n", File.ReadAllText(a));
        Assert.Equal("", Status(user, clone));
        Ok(Run(user, clone, "drop", "a.txt"));
        Assert.StartsWith("/annex/objects/SHA256E-s6--", File.ReadAllText(a));
        Assert.Equal("", Status(user, clone));
        Ok(Run(user, clone, "get", "a.txt"));
        Assert.Equal("hello\n", File.ReadAllText(a));

        // The other one adds to the repository the first made, and the first checks it.
        File.WriteAllText(Path.Combine(origin, "b.txt"), "more\n");
        Ok(Run(user, origin, "add", "b.txt"));
        Git(user, origin, "commit", "-q", "-m", "add b");
        Assert.Equal("", Status(user, origin));
        Assert.Equal("more\n", File.ReadAllText(Path.Combine(origin, "b.txt")));
        var fsck = Run(maker, origin, "fsck");
        Ok(fsck);
        Assert.Contains("fsck b.txt", fsck.Out);
        Assert.Equal("", Status(maker, origin));
    }

    public static TheoryData<bool> OursOrReference => new() { true, false };

    [CrippledFsTheory]
    [MemberData(nameof(OursOrReference))]
    public void ConflictingFilesBecomeVariantsWhereThereAreNoSymlinks(bool ours)
    {
        if (!Available()) return;
        var annex = ours ? Ours : Reference;
        var r1 = NewRepo(annex, fs.NewDir("conflict"));
        Ok(Run(annex, r1, "init", "r1"));
        var r2 = fs.NewDir("conflict");
        Git(annex, Path.GetDirectoryName(r2)!, "clone", "-q", r1, r2);
        Git(annex, r2, "config", "user.name", "Test");
        Git(annex, r2, "config", "user.email", "test@example.com");
        Ok(Run(annex, r2, "init", "r2"));
        foreach (var (dir, content) in new[] { (r1, "one\n"), (r2, "two\n") })
        {
            File.WriteAllText(Path.Combine(dir, "conflictor"), content);
            Ok(Run(annex, dir, "add", "conflictor"));
            Git(annex, dir, "commit", "-q", "-m", "add conflictor");
        }
        // r2's commit reaches its master (what r1 pulls) from its adjusted branch by a sync.
        Ok(Run(annex, r2, "sync", "--no-push", "--no-pull"));
        Git(annex, r1, "remote", "add", "r2", r2);
        Ok(Run(annex, r1, "sync", "--no-push"));
        // Two unlocked variants: ours with its content, theirs a pointer until its content is got.
        var variants = Directory.GetFiles(r1, "conflictor.variant-*");
        Assert.Equal(2, variants.Length);
        Assert.Contains("one\n", variants.Select(File.ReadAllText));
        Assert.Contains(variants, v => File.ReadAllText(v).StartsWith("/annex/objects/", StringComparison.Ordinal));
        Ok(Run(annex, r1, "get", "."));
        Assert.Equal(["one\n", "two\n"], variants.Select(File.ReadAllText).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(r1, "conflictor")));
        Assert.Equal("", Status(annex, r1));
    }
}

/// <summary>Symlinks work but write bits cannot be removed: crippled all the same, and core.symlinks is turned off.</summary>
public class ChmodIgnoredInteropTests(ChmodIgnoredFsFixture fs) : IClassFixture<ChmodIgnoredFsFixture>
{
    [CrippledFsFact]
    public void InitFindsTheFilesystemCrippledAsTheReferenceDoes() => CrippledInteropTests.InitAsTheReferenceDoes(fs.Fs,
        "  Detected a filesystem without fifo support.\n" +
        "  Disabling ssh connection caching.\n" +
        "  Filesystem does not allow removing write bit from files.\n" +
        "  Detected a crippled filesystem.\n" +
        "  Disabling core.symlinks.\n" +
        "  Entering an adjusted branch where files are unlocked as this filesystem does not support locked files.\n" +
        "Switched to branch 'adjusted/master(unlocked)'\n");
}

/// <summary>Without fcntl locks, init enables annex.pidlock; annex.dbdir elsewhere lets the reference's sqlite work.</summary>
public class CrippledNoLocksInteropTests(NoLocksCrippledFsFixture fs) : IClassFixture<NoLocksCrippledFsFixture>
{
    [CrippledFsFact]
    public void InitEnablesPidLockAsTheReferenceDoes()
    {
        if (!Available()) return;
        var seen = new List<(string Err, string PidLock)>();
        foreach (var annex in new[] { Reference, Ours })
        {
            var dir = fs.Fs.NewDir();
            Git(annex, dir, "init", "-q");
            var dbdir = Directory.CreateTempSubdirectory("annexsharp-dbdir-").FullName;
            Git(annex, dir, "config", "annex.dbdir", dbdir);
            var r = Run(annex, dir, "init");
            // Ours stops at its first lock after the probes: locking through annex.pidlock is not implemented yet.
            if (annex == Reference) Assert.True(r.Code == 0, r.Out + r.Err);
            seen.Add((r.Err, CrippledInteropTests.ConfigOf(annex, dir, "annex.pidlock")));
        }
        const string Expected = "  Detected a filesystem without POSIX fcntl lock support.\n  Enabling annex.pidlock.\n";
        Assert.StartsWith(Expected, seen[0].Err);
        Assert.StartsWith(Expected, seen[1].Err);
        Assert.Equal("true", seen[0].PidLock);
        Assert.Equal("true", seen[1].PidLock);
    }
}
