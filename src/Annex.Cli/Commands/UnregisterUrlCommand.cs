using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Keys;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex unregisterurl KEY URL` (doc/git-annex-unregisterurl.mdwn, Command/UnregisterUrl.hs): forgets URL for
/// KEY whatever downloader it was logged with, and for the key's URL/VURL counterpart too; the web loses the key
/// with its last web URL.
/// </summary>
public sealed class UnregisterUrlCommand : ICommand
{
    public string Name => "unregisterurl";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("batch"), OptionSpec.Flag("z", 'z'), OptionSpec.Value("remote")];

    public Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct) =>
        RegisterUrlCommand.RunAsync(ctx, args, "unregisterurl", batchWithoutParams: false, async (urls, key, url, c) =>
        {
            await ForgetAsync(urls, key, url, c);
            if (OtherUrlKey(key) is { } other) await ForgetAsync(urls, other, url, c);
        }, ct);

    private static async Task ForgetAsync(UrlLogStore urls, Key key, string url, CancellationToken ct)
    {
        foreach (var prefix in new[] { "", "quvi:", "yt:", ":" }) await urls.SetMissingAsync(key, prefix + url, ct);
    }

    /// <summary>Backend/URL.hs otherUrlKey: a URL key's VURL twin and the other way round.</summary>
    private static Key? OtherUrlKey(Key key) => key.Backend switch
    {
        "URL" => key with { Backend = "VURL" },
        "VURL" => key with { Backend = "URL" },
        _ => null,
    };
}
