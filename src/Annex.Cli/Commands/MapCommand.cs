using System.Text;
using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Logs;
using Annex.Core.Remotes;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex map` (doc/git-annex-map.mdwn, Command/Map.hs): spiders the repository's remotes (and
/// theirs, for local paths; ssh and other URLs are shown with their cached UUID but not visited), writes
/// a Graphviz graph to .git/annex/map.dot and shows it with xdot or dot, unless --fast. --json prints
/// the nodes instead.
/// </summary>
public sealed class MapCommand : ICommand
{
    public string Name => "map";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    /// <summary>One repository reached: where it is, its UUID (if readable), the remote name it was reached by.</summary>
    private sealed record Repo(string Location, Uuid Uuid, string? RemoteName, bool IsUrl);

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (args.Params.Count > 0) throw new UsageException($"Invalid argument `{args.Params[0]}'");
        var repo = await ctx.InitializedRepoAsync(ct);
        var m = ctx.Messages;
        var known = new List<(Repo Repo, List<Repo> Remotes)>();
        var queue = new List<Repo> { new(".", repo.Uuid, null, false) };
        var seenPaths = new HashSet<string>(StringComparer.Ordinal);
        bool allOk = true;
        while (queue.Count > 0)
        {
            var r = queue[0];
            queue.RemoveAt(0);
            var key = r.IsUrl ? r.Location : r.Location == "." ? repo.Git.TopDir : Path.GetFullPath(r.Location, ctx.Cwd);
            if (!seenPaths.Add(key)) continue;
            if (!m.Json) m.StartItem("map", r.RemoteName ?? r.Location, null);
            var (scanned, remotes) = await ScanAsync(repo, r, ct);
            if (!m.Json) m.EndItem(scanned != null);
            allOk &= scanned != null;
            known.Insert(0, (scanned ?? r, remotes));
            queue.AddRange(remotes);
        }
        // Several paths may lead to one repository: keep the first of each UUID.
        var combined = new List<(Repo Repo, List<Repo> Remotes)>();
        foreach (var k in known)
            if (k.Repo.Uuid.IsEmpty || !combined.Any(c => c.Repo.Uuid == k.Repo.Uuid)) combined.Add(k);

        var descs = await new UuidLogStore(repo).DescriptionsAsync(ct);
        var trust = await new TrustLogStore(repo).LevelsAsync(ct);
        bool Dead(Uuid u) => trust.TryGetValue(u, out var l) && l == TrustLevel.Dead;
        string Desc(Repo r) => !r.Uuid.IsEmpty && descs.TryGetValue(r.Uuid, out var d) ? d : r.RemoteName ?? "unknown";

        if (m.Json)
        {
            var nodes = combined.Where(c => !Dead(c.Repo.Uuid)).Select(c => new JsonObject()
                .Set("description", Desc(c.Repo)).Set("uuid", c.Repo.Uuid.IsEmpty ? null : c.Repo.Uuid.Value)
                .Set("url", c.Repo.Location)
                .Set("remotes", c.Remotes.Where(x => !Dead(x.Uuid)).Select(x => new JsonObject().Set("remote", x.RemoteName)
                    .Set("uuid", x.Uuid.IsEmpty ? null : x.Uuid.Value).Set("url", x.Location)).ToList())).ToList();
            m.RawJson(new JsonObject().Set("error-messages", new List<string>()).Set("nodes", nodes));
            return 0;
        }

        var file = Path.Combine(repo.Locations.AnnexDir, "map.dot");
        File.WriteAllText(file, Draw(combined, descs, trust, Desc));
        var shown = Path.GetRelativePath(ctx.Cwd, file);
        if (!ctx.Fast)
        {
            foreach (var (cmd, cmdArgs) in new[] { ("xdot", new[] { shown }), ("dot", new[] { "-Tx11", shown }) })
            {
                if (!InPath(cmd)) continue;
                m.Raw($"\n  running: {cmd} {string.Join(' ', cmdArgs)}\n");
                m.FlushOut();
                var rc = await ProcessRunner.RunInheritAsync(cmd, cmdArgs, ctx.Cwd, null, ct);
                return rc == 0 && allOk ? 0 : 1;
            }
        }
        m.Raw($"\n  left map in {shown}\n");
        return allOk ? 0 : 1;
    }

    private static bool InPath(string cmd) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, cmd)));

    /// <summary>Reads a repository's UUID and remotes; null when it cannot be read (URLs keep their cached UUID).</summary>
    private static async Task<(Repo? Scanned, List<Repo> Remotes)> ScanAsync(AnnexRepo here, Repo r, CancellationToken ct)
    {
        if (r.IsUrl) return (r, []);
        var git = r.Location == "." ? here.Git : GitRepo.At(r.Location);
        if (git == null) return (null, []);
        GitConfig config;
        try { config = r.Location == "." ? here.Config : await GitConfig.ReadAsync(git, ct); }
        catch (UserErrorException) { return (null, []); }
        var uuid = Uuid.TryParse(config.Get("annex.uuid") ?? "", out var u) ? u : default;
        var remotes = new List<Repo>();
        foreach (var name in config.RemoteNames())
        {
            var url = config.Get($"remote.{name}.url");
            if (string.IsNullOrEmpty(url)) continue;
            var cached = Uuid.TryParse(config.Get($"remote.{name}.annex-uuid") ?? "", out var cu) ? cu : default;
            var local = LocalPath(git, url);
            remotes.Add(local != null ? new Repo(local, cached, name, false) : new Repo(url, cached, name, true));
        }
        return (r with { Uuid = uuid.IsEmpty ? r.Uuid : uuid }, remotes);
    }

    private static string? LocalPath(GitRepo git, string url)
    {
        if (url.StartsWith("file://", StringComparison.Ordinal)) return url["file://".Length..];
        if (url.Contains("://", StringComparison.Ordinal)) return null;
        int colon = url.IndexOf(':'), slash = url.IndexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) return null; // scp-style ssh
        return Path.GetFullPath(url, git.TopDir);
    }

    private static string Draw(List<(Repo Repo, List<Repo> Remotes)> rs, IReadOnlyDictionary<Uuid, string> descs,
        IReadOnlyDictionary<Uuid, TrustLevel> trust, Func<Repo, string> desc)
    {
        string Quote(string s) => "\"" + s.Replace("\"", "") + "\"";
        string Attr(string a, string v, string s) => s + " [ " + a + "=" + Quote(v) + " ]";
        string NodeId(Repo r) => r.Uuid.IsEmpty ? r.Location : r.Uuid.Value;
        string Decorate(Uuid u, string s)
        {
            var color = (trust.TryGetValue(u, out var l) ? l : (TrustLevel?)null) switch
            {
                TrustLevel.Trusted => "green", TrustLevel.Untrusted => "red", TrustLevel.Dead => "grey", _ => "white",
            };
            return Attr("fillcolor", color, Attr("style", "filled", s));
        }
        string Host(Repo r) => r.IsUrl && Uri.TryCreate(r.Location, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host
            : r.IsUrl ? r.Location : "localhost";

        var parts = new List<string>();
        var repoUuids = rs.Select(x => x.Repo.Uuid).ToHashSet();
        foreach (var (r, remotes) in rs)
        {
            var host = Host(r);
            var node = Decorate(r.Uuid, Attr("label", desc(r), Quote(NodeId(r))));
            var sb = new StringBuilder();
            sb.Append("subgraph ").Append(Quote("cluster_" + host)).Append(" {\n");
            sb.Append("\t\tlabel=").Append(Quote(host.Split('.')[0])).Append('\n');
            sb.Append("\t\tstyle=").Append(Quote("filled")).Append('\n');
            sb.Append("\t\tfillcolor=").Append(Quote("lightblue")).Append('\n');
            sb.Append("\t\t").Append(node).Append('\n');
            sb.Append("\t}\n");
            foreach (var to in remotes)
            {
                var full = rs.Select(x => x.Repo).FirstOrDefault(x => x.Location == to.Location) ?? to;
                var edge = Quote(NodeId(r)) + " -> " + Quote(NodeId(full));
                var name = to.RemoteName;
                if (name != null && name != desc(full) && name != Host(full)) edge = Attr("label", name, edge);
                sb.Append('\t').Append(edge).Append('\n');
            }
            parts.Add(sb.ToString());
        }
        foreach (var (u, d) in descs.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            if (repoUuids.Contains(u) || (trust.TryGetValue(u, out var l) && l == TrustLevel.Dead)) continue;
            parts.Add(Decorate(u, Attr("label", d, Quote(u.Value))));
        }
        return "digraph map {\n" + string.Concat(parts.Select(p => "\t" + p + "\n")) + "}\n";
    }
}
