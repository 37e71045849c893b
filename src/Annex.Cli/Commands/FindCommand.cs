using System.Text;
using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Keys;

namespace Annex.Cli.Commands;

/// <summary>`git annex find` (doc/git-annex-find.mdwn): annexed files whose content is here, or that match the options.</summary>
public sealed class FindCommand : ICommand
{
    public string Name => "find";
    public bool TakesMatchingOptions => true;
    public IReadOnlyList<OptionSpec> Options { get; } =
        [OptionSpec.Value("format"), OptionSpec.Flag("print0"), .. CommonOptions.KeySelection];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        var repo = await ctx.InitializedRepoAsync(ct);
        var runner = new ItemRunner(ctx, "find");
        var format = args.Value("format") is { } f ? Unescape(f) : args.Has("print0") ? "${file}\0" : "${file}\n";
        var defaultMatch = args.Matching.Count == 0 ? FileSeek.PresentHere(repo) : null;
        // The common case prints only paths: skip computing the key's fields (two MD5 hash directories) per file.
        bool fileOnly = !ctx.Messages.Json && !format.Replace("${file}", "").Contains("${", StringComparison.Ordinal);
        await foreach (var (file, _) in FileSeek.AnnexedAsync(ctx, repo, args, runner, defaultMatch, ct))
        {
            var display = ctx.Display(repo, file.Path);
            if (fileOnly) { ctx.Messages.Raw(format.Replace("${file}", display)); continue; }
            var fields = new Dictionary<string, string>(KeyFields.Of(file.Key)) { ["file"] = display };
            if (ctx.Messages.Json)
            {
                var o = new JsonObject().Set("error-messages", new List<string>());
                foreach (var (k, v) in fields) if (k != "objectpointer") o.Set(k, v);
                ctx.Messages.RawJson(o);
            }
            else ctx.Messages.Raw(Expand(format, fields));
        }
        return runner.Finish();
    }

    /// <summary>Replaces ${var} (and ${var;width}) with field values; unknown variables become empty.</summary>
    public static string Expand(string format, IReadOnlyDictionary<string, string> fields)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] == '$' && i + 1 < format.Length && format[i + 1] == '{')
            {
                int end = format.IndexOf('}', i + 2);
                if (end > 0)
                {
                    var name = format[(i + 2)..end];
                    int semi = name.IndexOf(';');
                    int width = 0;
                    if (semi >= 0) { int.TryParse(name[(semi + 1)..], out width); name = name[..semi]; }
                    var v = fields.TryGetValue(name, out var val) ? val : "";
                    sb.Append(width > 0 ? v.PadRight(width) : width < 0 ? v.PadLeft(-width) : v);
                    i = end;
                    continue;
                }
            }
            sb.Append(format[i]);
        }
        return sb.ToString();
    }

    /// <summary>Backslash escapes in --format (\n, \t, \\, \0 ...).</summary>
    public static string Unescape(string s)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length) { sb.Append(s[i]); continue; }
            char c = s[++i];
            sb.Append(c switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'v' => '\v', _ => c });
        }
        return sb.ToString();
    }
}
