using System.Text;
using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex fromkey KEY PATH ...` (doc/git-annex-fromkey.mdwn, Command/FromKey.hs): plumbing that makes
/// PATH an annexed file of KEY (a locked symlink, staged), refusing keys whose content is not here unless
/// --force. A path that already is that key's file is fine; one with other content is refused. With
/// --batch, or with no parameters, "KEY PATH" lines come from stdin (no presence check, as the reference).
/// </summary>
public sealed class FromKeyCommand : ICommand
{
    public string Name => "fromkey";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z')];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        if (repo.Git.IsBare) throw new UserErrorException("You cannot run this command in a bare repository.");
        bool batch = args.Has("batch") || args.Params.Count == 0;
        if (batch && args.Params.Count > 0) throw new UserErrorException("Cannot mix --batch with command line parameters\n");
        if (!batch && args.Params.Count % 2 != 0) throw new UserErrorException("expected pairs\n");
        if (repo.Config.Get("annex.addunlocked") is { } au && au != "false")
            throw new UserErrorException("fromkey with annex.addunlocked is not implemented in this version of git-annex");
        var runner = new ItemRunner(ctx, "fromkey");
        var store = new ObjectStore(repo.Locations);
        var ingest = new Ingest(repo);
        bool staged = false;
        await using var stage = new LinkStager(repo);
        try
        {
            if (!batch)
            {
                for (int i = 0; i < args.Params.Count; i += 2)
                {
                    var (keyName, path) = (args.Params[i], args.Params[i + 1]);
                    if (ParseKey(keyName) is { } key && !ctx.Force && !store.Has(key))
                        throw new UserErrorException($"key ({keyName}) is not present in backend (use --force to override this sanity check)\n");
                    staged |= await OneAsync(ctx, repo, runner, ingest, stage, keyName, path, [keyName, path], ct);
                }
            }
            else
            {
                using var stdin = Console.OpenStandardInput();
                var reader = new BufferedReader(stdin);
                while (await reader.ReadUntilAsync(args.Has("z") ? (byte)0 : (byte)'\n', ct) is { } raw)
                {
                    var line = Encoding.UTF8.GetString(raw);
                    int sp = line.IndexOf(' ');
                    if (sp <= 0 || sp == line.Length - 1)
                        throw new UserErrorException("Batch input parse failure: Expected pairs of key and filename\n");
                    staged |= await OneAsync(ctx, repo, runner, ingest, stage, line[..sp], line[(sp + 1)..], [line], ct);
                }
            }
        }
        finally
        {
            // The reference queues the staging and says so when it flushes the queue.
            if (staged) ctx.Messages.Side("(recording state in git...)");
            await stage.FinishAsync(ct);
        }
        return runner.Finish();
    }

    /// <summary>One KEY PATH pair; true when a symlink was staged.</summary>
    private static async Task<bool> OneAsync(CommandContext ctx, AnnexRepo repo, ItemRunner runner, Ingest ingest, LinkStager stage,
        string keyName, string path, List<string> input, CancellationToken ct)
    {
        var key = ParseKey(keyName);
        var file = ctx.ToTopRelative(repo, path);
        bool staged = false;
        ctx.Messages.StartItem("fromkey", path, key?.ToString(), input[0]);
        ctx.Messages.Field("input", input);
        await runner.RunAsync(async () =>
        {
            if (key == null) throw new UserErrorException($"bad key/url {keyName}");
            var existing = await ReinjectCommand.LookupKeyAsync(ctx, repo, path, ct);
            if (existing != null && existing == key) return true;
            var full = Path.Combine(repo.Git.TopDir, file);
            if (existing != null || File.Exists(full) || new FileInfo(full).LinkTarget != null)
            {
                if (ctx.Messages.Mode == Output.OutputMode.Normal) ctx.Messages.Raw("\n");
                ctx.Messages.Warning($"{path} already exists with different content");
                return false;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (await Annex.Core.Annex.Adjust.AddUnlocked.OnAdjustedBranchAsync(repo.Git, new ObjectStore(repo.Locations).Has(key), ct))
            {
                await using var index = new UpdateIndex(repo.Git);
                await Annex.Core.Annex.Adjust.AddUnlocked.WriteAndStageAsync(repo, index, file, key, exec: false, ct);
                await index.FinishAsync(ct);
            }
            else
            {
                ingest.MakeSymlink(file, key);
                await stage.StageAsync(file, key, ct);
            }
            staged = true;
            return true;
        });
        return staged;
    }

    /// <summary>A serialized key, or a URL (made into a URL key), as the reference's keyOpt accepts.</summary>
    internal static Key? ParseKey(string s)
    {
        int colon = s.IndexOf("://", StringComparison.Ordinal);
        if (colon > 0 && !s[..colon].Contains('-')) return Backends.UrlKey(s);
        return Key.TryParse(s, out var k) ? k : null;
    }
}
