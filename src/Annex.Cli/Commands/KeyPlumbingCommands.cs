using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>`git annex examinekey [--format F] [--json] KEY...` (doc/git-annex-examinekey.mdwn).</summary>
public sealed class ExamineKeyCommand : ICommand
{
    public string Name => "examinekey";
    public bool NeedsRepository => false;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("format"), OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Value("migrate-to-backend")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var format = args.Value("format") is { } f ? FindCommand.Unescape(f) : "${key}\n";
        var repo = Annex.Core.Git.GitRepo.Discover(ctx.Cwd) != null ? await ctx.RepoAsync(ct) : null;
        foreach (var p in args.Params)
        {
            if (!Key.TryParse(p, out var key)) throw new UserErrorException("bad key");
            var fields = new Dictionary<string, string>(KeyFields.Of(key));
            if (repo != null)
                fields["objectpath"] = Path.GetRelativePath(ctx.Cwd, repo.Locations.PresentObjectPath(key) ?? repo.Locations.ObjectPath(key));
            if (ctx.Messages.Json)
            {
                var o = new JsonObject().Set("error-messages", new List<string>());
                foreach (var (k, v) in fields) o.Set(k, v);
                ctx.Messages.RawJson(o);
            }
            else ctx.Messages.Raw(FindCommand.Expand(format, fields));
        }
        return 0;
    }
}

/// <summary>`git annex calckey FILE...` (doc/git-annex-calckey.mdwn): the key a file would get, without adding it.</summary>
public sealed class CalcKeyCommand : ICommand
{
    public string Name => "calckey";
    public bool NeedsRepository => false;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z')];

    public Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var name = ctx.Globals.Value("backend");
        var backend = name == null ? Backends.Default : Backends.ByName(name) ?? throw new UserErrorException($"unknown backend {name}");
        foreach (var p in args.Params)
        {
            var full = Path.GetFullPath(p, ctx.Cwd);
            if (!File.Exists(full) || Posix.TryStat(full, follow: true) == null) throw new UserErrorException($"{p} does not exist");
            ctx.Messages.Raw(backend.GenerateKey(full, new KeyGenOptions(AssociatedFile: p), cancellationToken: ct) + "\n");
        }
        return Task.FromResult(0);
    }
}

/// <summary>`git annex lookupkey FILE...` (doc/git-annex-lookupkey.mdwn): exit 1 if any file is not annexed.</summary>
public sealed class LookupKeyCommand : ICommand
{
    public string Name => "lookupkey";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Flag("ref")];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        int rc = 0;
        foreach (var p in args.Params)
        {
            var top = ctx.ToTopRelative(repo, p);
            var key = WorkTree.LookupKey(Path.Combine(repo.Git.TopDir, top), out _) ?? await WorkTree.StagedPointerKeyAsync(repo, top, ct);
            if (key == null) { rc = 1; continue; }
            ctx.Messages.Raw(key + "\n");
        }
        return rc;
    }
}

/// <summary>`git annex contentlocation KEY...` (doc/git-annex-contentlocation.mdwn): exit 1 if any content is absent.</summary>
public sealed class ContentLocationCommand : ICommand
{
    public string Name => "contentlocation";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z')];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.RepoAsync(ct);
        int rc = 0;
        foreach (var p in args.Params)
        {
            if (!Key.TryParse(p, out var key)) throw new UserErrorException("bad key");
            if (repo.Locations.PresentObjectPath(key) is not { } path) { rc = 1; continue; }
            ctx.Messages.Raw(Path.GetRelativePath(ctx.Cwd, path) + "\n");
        }
        return rc;
    }
}
