using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>Both draw a progress meter for downloads even when not on a terminal; its rates differ from run to run.</summary>
    private static string StripProgress(string s) => Regex.Replace(s, @"\n\r[^\n]*\r", "");

    private static (List<string> Transcript, string Logs) Run(string annex) => Run(annex, Steps());

    private static (List<string> Transcript, string Logs) Run(string annex, string[][] steps)
    {
        var repo = NewRepo();
        FixUuid(annex, repo, OriginUuid);
        Assert.Equal(0, Binaries.Run(annex, repo, "init", "-q", "main").Code);
        var lines = new List<string>();
        foreach (var step in steps)
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

    [Fact]
    public async Task HttpUrlsFromALoopbackServerGiveTheSameTranscript()
    {
        if (!Available()) return;
        await using var server = await TinyServer.StartAsync("/dir/a.txt", "served over http\n");
        const string allow = "-cannex.security.allowed-ip-addresses=127.0.0.1";
        var url = server.Url + "dir/a.txt";
        string[][] steps =
        [
            ["addurl", url],
            [allow, "addurl", url],
            [allow, "addurl", "--fast", "--file", "fast", url, "--json"],
            [allow, "addurl", "--relaxed", "--file", "relaxed", url],
            [allow, "addurl", server.Url + "nosuch"],
            [allow, "addurl", "--fast", server.Url + "nosuch"],
            ["whereis", "fast"],
            [allow, "get", "fast"],
            [allow, "drop", "--from", "web", "relaxed"],
        ];
        // The server's port differs per run only by chance; both runs use this one server.
        var theirs = Run(Reference, steps);
        var ours = Run(Ours, steps);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-web-http-reference.txt"), [.. theirs.Transcript, theirs.Logs]);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-web-http-ours.txt"), [.. ours.Transcript, ours.Logs]);
        Assert.Equal(theirs.Transcript, ours.Transcript);
        Assert.Equal(theirs.Logs, ours.Logs);
    }

    /// <summary>A one-file HTTP/1.1 server on loopback (GET and HEAD; anything else 404), one connection at a time.</summary>
    private sealed class TinyServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task? _loop;
        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        public static Task<TinyServer> StartAsync(string path, string body)
        {
            var s = new TinyServer();
            s._listener.Start();
            s._loop = Task.Run(() => s.ServeAsync(path, Encoding.UTF8.GetBytes(body)));
            return Task.FromResult(s);
        }

        private async Task ServeAsync(string path, byte[] body)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                try
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        var reader = new StreamReader(stream, Encoding.ASCII);
                        var request = await reader.ReadLineAsync() ?? "";
                        while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
                        var parts = request.Split(' ');
                        bool found = parts.Length > 1 && parts[1] == path;
                        var head = found
                            ? $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"
                            : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                        if (found && parts[0] == "GET") await stream.WriteAsync(body);
                    }
                }
                catch (IOException) { /* the client went away */ }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            if (_loop != null) await _loop;
        }
    }

    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);
}
