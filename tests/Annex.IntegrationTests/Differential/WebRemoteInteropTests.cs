using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// addurl, registerurl, unregisterurl and the web remote: the same steps with file:// URLs print the same and write the same URL and location
/// logs under both implementations; a URL one of them recorded is what the other downloads the content from.
/// </summary>
public class WebRemoteInteropTests
{
    private const string AllowFile = "-cannex.security.allowed-url-schemes=file";

    /// <summary>Source files outside the repositories, the same paths for both runs (file names derive from them).</summary>
    private static readonly Lazy<string> Source = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("annexsharp-web-").FullName;
        File.WriteAllText(Path.Combine(dir, "myurl"), "foo\n");
        File.WriteAllText(Path.Combine(dir, "b.txt"), "content of b\n");
        return dir;
    });

    private static string Url(string name) => "file://" + Path.Combine(Source.Value, name);

    private static string[][] Steps() =>
    [
        ["addurl", Url("myurl")],
        [AllowFile, "addurl", Url("myurl")],
        [AllowFile, "addurl", "--file", "dest", Url("myurl"), "--json"],
        [AllowFile, "addurl", "--file", "dest", Url("myurl")],
        [AllowFile, "addurl", "--file", "dest", Url("b.txt")],
        [AllowFile, "addurl", "--fast", "--file", "fastf", Url("b.txt")],
        [AllowFile, "addurl", "--relaxed", "--file", "rel", Url("b.txt"), "--json"],
        [AllowFile, "addurl", "--pathdepth=-1", "--prefix", "p-", "--suffix", ".s", Url("b.txt")],
        [AllowFile, "addurl", "--fast", Url("nosuch")],
        [AllowFile, "-cannex.largefiles=nothing", "addurl", "--file", "small", Url("b.txt"), "--json"],
        ["whereis", "dest"],
        ["whereis", "--json", "fastf"],
        [AllowFile, "drop", "--from", "web", "dest"],
        ["whereis", "dest"],
        [AllowFile, "get", "fastf"],
        ["drop", "fastf"],
        [AllowFile, "drop", "fastf"],
        ["get", "fastf"],
        ["registerurl", "SHA256E-s3--abc", "http://example.com/x"],
        ["registerurl", "--json", "SHA256E-s3--abc", "http://example.com/y"],
        ["unregisterurl", "SHA256E-s3--abc", "http://example.com/x"],
        ["unregisterurl", "--json", "SHA256E-s3--abc", "http://example.com/nosuch"],
        ["registerurl", "bad", "http://x"],
        ["registerurl", "onlyone"],
        ["registerurl"],
    ];

    private static string Mask(string s) =>
        Regex.Replace(Regex.Replace(s, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            m => m.Value == "00000000-0000-0000-0000-000000000001" ? m.Value : "UUID"), @"\b\d+(\.\d+)?s\b", "TS");

    /// <summary>The reference draws a progress meter for downloads even when not on a terminal; ours does not.</summary>
    private static string StripProgress(string s) => Regex.Replace(s, @"\n\r[^\n]*\r", "");

    private static (List<string> Transcript, string Logs) Run(string annex)
    {
        var repo = NewRepo();
        FixUuid(annex, repo, OriginUuid);
        Assert.Equal(0, Binaries.Run(annex, repo, "init", "-q", "main").Code);
        var lines = new List<string>();
        foreach (var step in Steps())
        {
            var r = Binaries.Run(annex, repo, step);
            lines.Add($"$ git annex {string.Join(' ', step)} => {r.Code}");
            lines.Add(Mask(StripProgress(r.Out)));
            lines.Add("stderr: " + Mask(r.Err));
        }
        var logs = string.Join("\n", Git(annex, repo, "ls-tree", "-r", "--name-only", "git-annex").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.EndsWith(".log.web") || f.EndsWith(".log.ek") || (f.EndsWith(".log") && f.Contains('/')))
            .Order(StringComparer.Ordinal)
            .Select(f => f + ":\n" + Mask(Git(annex, repo, "show", "git-annex:" + f))));
        lines.Add(Mask(Git(annex, repo, "ls-files", "-s")));
        return (lines, logs);
    }

    [Fact]
    public void TheSameStepsPrintAndLogTheSame()
    {
        if (!Available()) return;
        var theirs = Run(Reference);
        var ours = Run(Ours);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-web-reference.txt"), [.. theirs.Transcript, theirs.Logs]);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-web-ours.txt"), [.. ours.Transcript, ours.Logs]);
        Assert.Equal(theirs.Transcript, ours.Transcript);
        Assert.Equal(theirs.Logs, ours.Logs);
    }

    [Fact]
    public void EachGetsFromTheWebWhatTheOtherAdded()
    {
        if (!Available()) return;
        foreach (var (writer, reader) in new[] { (Ours, Reference), (Reference, Ours) })
        {
            var origin = NewRepo();
            Assert.Equal(0, Binaries.Run(writer, origin, "init", "-q", "origin").Code);
            Ok(Binaries.Run(writer, origin, AllowFile, "addurl", "--file", "downloaded", Url("myurl")));
            Ok(Binaries.Run(writer, origin, AllowFile, "addurl", "--fast", "--file", "fast", Url("b.txt")));
            Git(writer, origin, "commit", "-q", "-m", "urls");
            var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
            Git(reader, clone, "clone", "-q", origin, ".");
            Ok(Binaries.Run(reader, clone, "init", "-q", "clone"));
            var get = Binaries.Run(reader, clone, AllowFile, "get", "--from", "web", "downloaded", "fast");
            Assert.True(get.Code == 0, $"{writer} added, {reader} got: {get.Out}{get.Err}");
            Assert.Equal("foo\n", File.ReadAllText(Path.Combine(clone, "downloaded")));
            Assert.Equal("content of b\n", File.ReadAllText(Path.Combine(clone, "fast")));
            Assert.Contains(Url("myurl"), Binaries.Run(reader, clone, "whereis", "downloaded").Out);
        }
    }

    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);
}
