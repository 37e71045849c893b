using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Cli.CommandLine;

/// <summary>Everything a verb needs from its surroundings: output, global options, the repository.</summary>
public sealed class CommandContext(Messages messages, ParsedArgs globals, string cwd) : IAsyncDisposable
{
    public Messages Messages { get; } = messages;
    public ParsedArgs Globals { get; } = globals;
    public string Cwd { get; } = cwd;
    public List<(string Name, string Value)> ConfigOverrides { get; } = [];

    private AnnexRepo? _repo;
    private IReadOnlyList<Annex.Core.Remotes.IRemote>? _remotes;

    public bool Force => Globals.Has("force");

    /// <summary>--time-limit / --size-limit, checked by the seek stage before each item.</summary>
    public Limits Limits { get; } = new();

    /// <summary>"verb: N failed", printed after the branch commit at the end of the command.</summary>
    public string? FailureSummary { get; set; }
    public bool Fast => Globals.Has("fast");

    /// <summary>The repository the command runs in (discovered from the working directory).</summary>
    public async Task<AnnexRepo> RepoAsync(CancellationToken ct = default)
    {
        if (_repo != null) return _repo;
        var git = GitRepo.DiscoverOrFail(Cwd);
        _repo = await AnnexRepo.OpenAsync(git, ConfigOverrides, ct);
        _repo.Warn = Messages.WarningMakeWay;
        _repo.DeferRestage = true; // FinishAsync runs the cleanup actions
        // --trust is deprecated upstream and no longer overrides anything; the other two do.
        foreach (var r in Globals.Values("untrust")) _repo.TrustOverrides.Add((r, Annex.Core.Logs.TrustLevel.Untrusted));
        foreach (var r in Globals.Values("semitrust")) _repo.TrustOverrides.Add((r, Annex.Core.Logs.TrustLevel.SemiTrusted));
        return _repo;
    }

    /// <summary>The repository, which must be initialised (the reference auto-initialises clones whose origin is an annex).</summary>
    public async Task<AnnexRepo> InitializedRepoAsync(CancellationToken ct = default)
    {
        var repo = await RepoAsync(ct);
        if (!repo.IsInitialized)
        {
            if (await Init.CanAutoInitAsync(repo, ct)) await Init.RunAsync(repo, null, autoInit: true, ct, ui: Commands.InitCommand.Ui(this, itemOpen: false));
            else throw new UserErrorException("Not in a git-annex repository.");
        }
        // Learns (and caches in remote.NAME.annex-uuid) the UUIDs of local-path remotes, so names resolve.
        _remotes ??= await Annex.Core.Remotes.RemoteList.ListAsync(repo, Messages.Warning, ct);
        return repo;
    }

    /// <summary>The repository's local-path remotes, cheapest first; their branch changes are committed at the end.</summary>
    public async Task<IReadOnlyList<Annex.Core.Remotes.IRemote>> RemotesAsync(CancellationToken ct = default)
    {
        await InitializedRepoAsync(ct);
        return _remotes!;
    }

    /// <summary>The remote named by --from/--to, which must be a usable git remote.</summary>
    public async Task<Annex.Core.Remotes.IRemote> RemoteNamedAsync(string name, CancellationToken ct = default) =>
        (await RemotesAsync(ct)).FirstOrDefault(r => r.Name == name)
        ?? throw new UserErrorException($"there is no available git remote named \"{name}\"");

    /// <summary>numcopies and mincopies, with the --numcopies/--mincopies overrides applied.</summary>
    public async Task<(int NumCopies, int MinCopies)> CopiesPolicyAsync(AnnexRepo repo, CancellationToken ct = default)
    {
        var store = new NumCopiesStore(repo);
        if (Globals.Value("numcopies") is { } n) store.NumCopiesOverride = ArgParser.PositiveInt("numcopies", n);
        if (Globals.Value("mincopies") is { } m) store.MinCopiesOverride = ArgParser.PositiveInt("mincopies", m);
        return (await store.NumCopiesAsync(ct), await store.MinCopiesAsync(ct));
    }

    /// <summary>A path argument made relative to the top of the work tree ('/' separators).</summary>
    public string ToTopRelative(AnnexRepo repo, string path)
    {
        var full = Path.GetFullPath(path, Cwd);
        var top = repo.Git.TopDir;
        var rel = Path.GetRelativePath(top, full);
        if (rel == ".") return "";
        if (rel.StartsWith("..", StringComparison.Ordinal) && (rel.Length == 2 || rel[2] == '/'))
            throw new UserErrorException($"{path} is outside repository");
        return rel.Replace('\\', '/');
    }

    /// <summary>A top-relative path shown relative to the working directory, as git-annex displays files.</summary>
    public string Display(AnnexRepo repo, string topRelative)
    {
        var full = Path.Combine(repo.Git.TopDir, topRelative);
        return Path.GetRelativePath(Cwd, full).Replace('\\', '/');
    }

    /// <summary>Commits journalled branch changes at the end of a command, as the reference does.</summary>
    public async Task FinishAsync(CancellationToken ct = default)
    {
        if (_remotes != null) foreach (var r in _remotes) await r.DisposeAsync();
        if (_repo == null) return;
        await _repo.RunCleanupActionsAsync(ct);
        if (_repo.Branch.Journal.IsDirty && _repo.Config.GetBool("annex.alwayscommit", true))
        {
            Messages.Side("(recording state in git...)");
            await _repo.Branch.CommitAsync("update", ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_repo != null) await _repo.DisposeAsync();
    }
}
