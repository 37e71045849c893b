using Annex.Core.Git;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// One git-annex repository opened for a command: where it is, its config, its UUID, and the
/// long-lived git coprocesses shared by everything the command does. Disposing it stops them.
/// </summary>
/// <summary>Deferred end-of-command work, in upstream's order (Types/CleanupActions.hs).</summary>
public enum CleanupAction { AdjustedBranchUpdate, RestagePointerFiles }

public sealed class AnnexRepo : IAsyncDisposable
{
    public GitRepo Git { get; }
    public GitConfig Config { get; }
    public Locations Locations { get; private set; }
    public bool BranchDirty { get; set; }

    /// <summary>Trust levels given on the command line (--untrust/--semitrust REMOTE), by repository name.</summary>
    public List<(string Repository, TrustLevel Level)> TrustOverrides { get; } = [];

    private CatFile? _catFile;
    private HashObject? _hashObject;
    private AnnexBranch? _branch;
    private Database.KeysDb? _keysDb;

    public AnnexRepo(GitRepo git, GitConfig config)
    {
        Git = git;
        Config = config;
        Locations = MakeLocations();
    }

    private Locations MakeLocations() => new(Git.CommonDir ?? Git.GitDir, Git.IsBare,
        InitFileSystem.IsCrippled(Config), Config.GetBool("core.symlinks", true));

    /// <summary>After init found a crippled filesystem: new content goes where such a repository keeps it.</summary>
    public void ReloadLocations() => Locations = MakeLocations();

    /// <summary>annex.crippledfilesystem: set by init on a filesystem without symlinks or working write bits.</summary>
    public bool IsCrippled => InitFileSystem.IsCrippled(Config);

    /// <summary>core.symlinks (default true); false means annex links are written as plain files holding the target.</summary>
    public bool CoreSymlinks => Config.GetBool("core.symlinks", true);

    public static async Task<AnnexRepo> OpenAsync(GitRepo git, IEnumerable<(string Name, string Value)>? overrides = null,
        CancellationToken ct = default)
    {
        var config = await GitConfig.ReadAsync(git, ct);
        if (overrides != null) foreach (var (n, v) in overrides) config.Override(n, v);
        return new AnnexRepo(git, config);
    }

    /// <summary>
    /// The symlink target for a locked file (Annex/Locations.hs gitAnnexLink): through the real git directory,
    /// which is ".git/annex/objects/…" in a usual repository. A scratch repository sharing another's git dir
    /// (an adjusted merge) gets the usual form.
    /// </summary>
    public string LinkTarget(Keys.Key key, string topRelative) =>
        Git.CommonDir != null || Git.IsBare ? Locations.SymlinkTarget(key, topRelative)
        : Locations.LinkTarget(key, Path.Combine(Git.TopDir, topRelative), Git.GitDir);

    /// <summary>Where warnings from deep inside an operation go (the command's messages; nowhere by default).</summary>
    public Action<string> Warn { get; set; } = _ => { };

    /// <summary>
    /// Restage logged unlocked files once, when the command finishes (as upstream's queue flush does), rather
    /// than after each file. Only for the command's own repository, whose cleanup actions are run.
    /// </summary>
    public bool DeferRestage { get; set; }

    private readonly SortedDictionary<CleanupAction, Func<CancellationToken, Task>> _cleanupActions = [];
    private Adjust.AdjustedRefresh? _adjustedRefresh;

    /// <summary>Work to do once when the command finishes, before its branch changes are committed (Annex.addCleanupAction).</summary>
    public void AddCleanupAction(CleanupAction action, Func<CancellationToken, Task> run) => _cleanupActions[action] = run;

    /// <summary>Runs the cleanup actions in upstream's order (quiesce); each runs once.</summary>
    public async Task RunCleanupActionsAsync(CancellationToken ct)
    {
        var actions = _cleanupActions.Values.ToList();
        _cleanupActions.Clear();
        foreach (var a in actions) await a(ct);
    }

    /// <summary>annex.adjustedbranchrefresh bookkeeping for this command.</summary>
    public Adjust.AdjustedRefresh AdjustedRefresh => _adjustedRefresh ??= new(this);

    public CatFile CatFile => _catFile ??= new CatFile(Git);
    public HashObject HashObject => _hashObject ??= new HashObject(Git, Locations.OtherTmpDir);
    public AnnexBranch Branch => _branch ??= new AnnexBranch(this);

    /// <summary>The keys database, opened (and created if missing) on first use: only commands that need it pay for it.</summary>
    public Database.KeysDb KeysDb => _keysDb ??= Database.KeysDb.Open(Locations);

    private bool _keysDbReconciled;

    /// <summary>
    /// Set by the smudge/clean filter: git holds the index lock, so the keys database is reconciled from
    /// `git diff --cached` without writing a tree, and nothing is restaged (git's next refresh asks the
    /// filter, which answers from the inode cache).
    /// </summary>
    public bool InFilter { get; set; }

    /// <summary>
    /// The keys database brought up to date with the index first (once per process): what get, drop and add
    /// use to find every unlocked copy of a key. The filter itself never reconciles (git holds the index).
    /// </summary>
    public async Task<Database.KeysDb> ReconciledKeysDbAsync(CancellationToken ct)
    {
        var db = KeysDb;
        if (_keysDbReconciled) return db;
        _keysDbReconciled = true;
        var populated = await KeysDbReconcile.RunAsync(this, db, ct);
        await LocalContent.RestageAsync(this, populated, ct);
        return db;
    }

    /// <summary>The keys database if this repository has one; null (without creating it) otherwise.</summary>
    public Database.KeysDb? KeysDbIfExists =>
        _keysDb ?? (File.Exists(Database.KeysDb.DbPath(Locations)) ? KeysDb : null);

    /// <summary>annex.uuid, or empty when the repository is not initialised.</summary>
    public Uuid Uuid => Uuid.TryParse(Config.Get("annex.uuid") ?? "", out var u) ? u : default;

    public bool IsInitialized => !Uuid.IsEmpty && Config.Get("annex.version") != null;

    public int? RepoVersion => int.TryParse(Config.Get("annex.version"), out var v) ? v : null;

    /// <summary>Fails like the reference when a command needs an initialised repository.</summary>
    public void RequireInitialized()
    {
        if (!IsInitialized)
            throw new UserErrorException("First run: git-annex init");
    }

    public async ValueTask DisposeAsync()
    {
        if (_catFile != null) await _catFile.DisposeAsync();
        if (_hashObject != null) await _hashObject.DisposeAsync();
        _keysDb?.Dispose();
    }
}
