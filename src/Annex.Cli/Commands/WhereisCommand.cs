using System.Text;
using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Logs;

namespace Annex.Cli.Commands;

/// <summary>`git annex whereis` (doc/git-annex-whereis.mdwn): which repositories have each file's content.</summary>
public sealed class WhereisCommand : ICommand
{
    public string Name => "whereis";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("format"), .. CommonOptions.KeySelection];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "whereis");
        var descriptions = new Dictionary<Uuid, string>(await new UuidLogStore(repo).DescriptionsAsync(ct));
        // The web remote describes itself (Remote/Web.hs); it is in no uuid.log.
        descriptions.TryAdd(UrlLogStore.WebUuid, "web");
        var urlLog = new UrlLogStore(repo);
        var trust = await new TrustLogStore(repo).LevelsAsync(ct);
        var names = new RemoteNames(repo);
        var locations = new LocationLogStore(repo);
        await foreach (var (file, input) in FileSeek.AnnexedAsync(ctx, repo, args, runner, null, ct))
        {
            var present = (await locations.PresentAsync(file.Key, ct))
                .Where(u => !trust.TryGetValue(u, out var l) || l != TrustLevel.Dead)
                .OrderBy(u => u.Value, StringComparer.Ordinal).ToList();
            var trusted = present.Where(u => !trust.TryGetValue(u, out var l) || l != TrustLevel.Untrusted).ToList();
            var untrusted = present.Except(trusted).ToList();
            var m = ctx.Messages;
            m.StartItem("whereis", ctx.Display(repo, file.Path), file.Key.ToString(), input);
            var note = new StringBuilder();
            note.Append(trusted.Count == 1 ? "1 copy" : $"{trusted.Count} copies").Append('\n');
            foreach (var u in trusted) note.Append(Line(repo, descriptions, names, u));
            if (untrusted.Count > 0)
            {
                note.Append("The following untrusted locations may also have copies:\n");
                foreach (var u in untrusted) note.Append(Line(repo, descriptions, names, u));
            }
            // The web's URLs follow the list (Command/Whereis.hs: a remote's whereisKey), when the web has the key.
            var webUrls = present.Contains(UrlLogStore.WebUuid) ? await urlLog.WebUrlsAsync(file.Key, ct) : [];
            if (webUrls.Count > 0)
            {
                note.Append('\n');
                foreach (var url in webUrls) note.Append("web: ").Append(url).Append('\n');
            }
            if (m.Json)
            {
                m.Field("note", note.ToString());
                m.Field("whereis", trusted.Select(u => Entry(repo, descriptions, names, u, webUrls)).ToList());
                m.Field("untrusted", untrusted.Select(u => Entry(repo, descriptions, names, u, webUrls)).ToList());
            }
            else
            {
                var text = note.ToString();
                int nl = text.IndexOf('\n');
                m.Note(text[..nl]);
                // Text output indents each location by two spaces; the JSON note does not.
                if (text.Length > nl + 1) m.Raw("\n" + string.Concat(text[(nl + 1)..].TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "\n" : "  " + l + "\n")));
            }
            await runner.RunAsync(() => Task.FromResult(trusted.Count > 0));
        }
        return runner.Finish();
    }

    private static string Line(AnnexRepo repo, IReadOnlyDictionary<Uuid, string> desc, RemoteNames names, Uuid u)
    {
        var d = desc.TryGetValue(u, out var s) ? s : "";
        var tag = u == repo.Uuid ? "here" : names.NameOf(u);
        return $"\t{u} -- {(tag != null ? Output.UuidDescriptions.AddName(d, tag) : d)}\n";
    }

    /// <summary>A location in --json: a remote's description carries its name ("theirs [origin]"), here's does not.</summary>
    private static JsonObject Entry(AnnexRepo repo, IReadOnlyDictionary<Uuid, string> desc, RemoteNames names, Uuid u,
        IReadOnlyList<string> webUrls) =>
        new JsonObject()
            .Set("description", u != repo.Uuid && names.NameOf(u) is { } n
                ? Output.UuidDescriptions.AddName(desc.TryGetValue(u, out var s) ? s : "", n)
                : desc.TryGetValue(u, out var s2) ? s2 : "")
            .Set("here", u == repo.Uuid)
            .Set("urls", u == UrlLogStore.WebUuid ? webUrls.ToList() : new List<string>()).Set("uuid", u.Value);
}
