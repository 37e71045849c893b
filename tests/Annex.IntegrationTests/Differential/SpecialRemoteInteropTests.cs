using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// Special remotes shared by both implementations: a directory remote (chunked and not) one of them set up and
/// filled is enabled and read by the other, whose fsck agrees; the same steps give the same remote.log,
/// location and chunk logs; a hook remote stores the same objects under both.
/// </summary>
public class SpecialRemoteInteropTests
{
    private static readonly string[] Files = ["small", "big"];

    /// <summary>An origin with two files (one spanning several 64 KiB chunks) and a clone that has them.</summary>
    private static (string Origin, string Clone, string Store) Setup(string annex)
    {
        var origin = NewRepo();
        FixUuid(annex, origin, OriginUuid);
        Assert.Equal(0, Run(annex, origin, "init", "origin").Code);
        File.WriteAllText(Path.Combine(origin, "small"), "small file\n");
        var big = new byte[200_000];
        new Random(7).NextBytes(big);
        File.WriteAllBytes(Path.Combine(origin, "big"), big);
        Assert.Equal(0, Run(annex, origin, "add", "small", "big").Code);
        Git(annex, origin, "commit", "-q", "-m", "add");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        FixUuid(annex, clone, CloneUuid);
        Assert.Equal(0, Run(annex, clone, "init", "clone").Code);
        Assert.Equal(0, Run(annex, clone, "get", "small", "big").Code);
        return (origin, clone, Directory.CreateTempSubdirectory("annexsharp-store-").FullName);
    }

    private static void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);

    private static string Normalize(string log) =>
        Regex.Replace(Regex.Replace(log, @"\d+(\.\d+)?s\b", "TS"), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", m =>
            m.Value is OriginUuid or CloneUuid ? m.Value : "UUID");

    private static string BranchLogs(string annex, string dir) =>
        string.Join("\n", Git(annex, dir, "ls-tree", "-r", "--name-only", "git-annex").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f == "remote.log" || f.EndsWith(".log.cnk") || (f.EndsWith(".log") && f.Contains('/')))
            .Order(StringComparer.Ordinal)
            .Select(f => f + ":\n" + Normalize(Git(annex, dir, "show", "git-annex:" + f))));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OneFillsADirectoryRemoteTheOtherEnablesAndReadsIt(bool chunked)
    {
        if (!Available()) return;
        foreach (var (writer, reader) in new[] { (Ours, Reference), (Reference, Ours) })
        {
            var (_, clone, store) = Setup(writer);
            var args = new List<string> { "initremote", "dr", "type=directory", "encryption=none", "directory=" + store };
            if (chunked) args.Add("chunk=64KiB");
            Ok(Run(writer, clone, [.. args]));
            Ok(Run(writer, clone, "copy", "--to", "dr", "small", "big"));
            Ok(Run(writer, clone, "sync", "--no-content"));

            // A second clone with the other implementation enables the remote by name and reads from it.
            var other = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
            Git(reader, other, "clone", "-q", clone, ".");
            Ok(Run(reader, other, "init", "other"));
            var enable = Run(reader, other, "enableremote", "dr", "directory=" + store);
            Ok(enable);
            // The reference (10.20261026) will not use a special remote enabled from the branch until the user
            // confirms its configuration (verifyremote); ours does not implement that gate yet.
            if (Regex.Match(enable.Out + enable.Err, @"verifyremote dr --safe (\S+)") is { Success: true } m)
                Ok(Run(reader, other, "verifyremote", "dr", "--safe", m.Groups[1].Value));
            var get = Run(reader, other, "get", "--from", "dr", "small", "big");
            Assert.True(get.Code == 0, $"{writer} wrote, {reader} read: {get.Out}{get.Err}");
            Assert.Equal(File.ReadAllBytes(Path.Combine(clone, "big")), File.ReadAllBytes(Path.Combine(other, "big")));
            Ok(Run(reader, other, "fsck", "--from", "dr", "--fast"));
            // And the reader's drop from the remote is understood by the writer.
            Ok(Run(reader, other, "drop", "--from", "dr", "big", "--force"));
            Assert.DoesNotContain(Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories),
                f => f.Contains("s200000", StringComparison.Ordinal) && !f.Contains("/tmp/", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSameStepsGiveTheSameLogsAndStore(bool chunked)
    {
        if (!Available()) return;
        var results = new List<(string Logs, string Store)>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var (_, clone, store) = Setup(annex);
            var args = new List<string> { "initremote", "dr", "type=directory", "encryption=none", "directory=" + store, "uuid=33333333-3333-4333-8333-333333333333" };
            if (chunked) args.Add("chunk=64KiB");
            Ok(Run(annex, clone, [.. args]));
            Ok(Run(annex, clone, "copy", "--to", "dr", "small", "big"));
            Ok(Run(annex, clone, "drop", "--from", "dr", "small"));
            var files = string.Join("\n", Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(store, f)).Order(StringComparer.Ordinal));
            results.Add((BranchLogs(annex, clone), files));
        }
        Assert.Equal(results[1].Store, results[0].Store);
        Assert.Equal(results[1].Logs, results[0].Logs);
    }

    [Fact]
    public void HookRemoteRunsTheSameHooks()
    {
        if (!Available()) return;
        var stores = new List<string>();
        foreach (var annex in new[] { Ours, Reference })
        {
            var (_, clone, store) = Setup(annex);
            Ok(Run(annex, clone, "initremote", "hk", "type=hook", "encryption=none", "hooktype=t"));
            Git(annex, clone, "config", "annex.t-store-hook", $"cp \"$ANNEX_FILE\" '{store}'/\"$ANNEX_HASH_1-$ANNEX_HASH_2-$ANNEX_KEY\"");
            Git(annex, clone, "config", "annex.t-retrieve-hook", $"cp '{store}'/\"$ANNEX_HASH_1-$ANNEX_HASH_2-$ANNEX_KEY\" \"$ANNEX_FILE\"");
            Git(annex, clone, "config", "annex.t-remove-hook", $"rm -f '{store}'/\"$ANNEX_HASH_1-$ANNEX_HASH_2-$ANNEX_KEY\"");
            Git(annex, clone, "config", "annex.t-checkpresent-hook", $"if [ -e '{store}'/\"$ANNEX_HASH_1-$ANNEX_HASH_2-$ANNEX_KEY\" ]; then echo \"$ANNEX_KEY\"; fi");
            Ok(Run(annex, clone, "move", "--to", "hk", "small", "big"));
            Ok(Run(annex, clone, "get", "--from", "hk", "big"));
            Ok(Run(annex, clone, "drop", "--from", "hk", "big"));
            Assert.Equal(0, Run(annex, clone, "drop", "small").Code); // not present here: nothing to do
            stores.Add(string.Join("\n", Directory.EnumerateFiles(store).Select(Path.GetFileName).Order(StringComparer.Ordinal)));
        }
        Assert.Equal(stores[1], stores[0]);
    }
}
