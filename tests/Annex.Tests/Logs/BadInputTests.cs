using Annex.Core.Logs;
using static Annex.Tests.Logs.LogTestBytes;

namespace Annex.Tests.Logs;

/// <summary>Every parser: bad lines never throw, are reported, and are written back verbatim
/// (the keep-verbatim policy in LogText) while good lines still parse.</summary>
public class BadInputTests
{
    public static readonly Dictionary<string, (string Good, Func<byte[], ParsedLog> Parse, Func<ParsedLog, byte[]> Format)> Logs = new()
    {
        ["presence"] = ("1s 1 u\n", b => PresenceLog.Parse(b), l => ((PresenceLog)l).Format()),
        ["uuid"] = ("u d timestamp=1s\n", b => TextUuidLog.Parse(b), l => TextUuidLog.Format((MapLog<Uuid, string>)l)),
        ["trust"] = ("u 1 timestamp=1s\n", b => TrustLog.Parse(b), l => TrustLog.Format((MapLog<Uuid, TrustLevel>)l)),
        ["group"] = ("u g timestamp=1s\n", b => GroupLog.Parse(b), l => GroupLog.Format((MapLog<Uuid, IReadOnlySet<string>>)l)),
        ["remote"] = ("u a=b timestamp=1s\n", b => RemoteConfigLog.Parse(b), l => RemoteConfigLog.Format((MapLog<Uuid, IReadOnlyDictionary<string, string>>)l)),
        ["proxy"] = ("1s u v:n\n", b => ProxyClusterLog.ParseProxies(b), l => ProxyClusterLog.FormatProxies((MapLog<Uuid, IReadOnlySet<ProxiedRemote>>)l)),
        ["cluster"] = ("1s u v\n", b => ProxyClusterLog.ParseClusters(b), l => ProxyClusterLog.FormatClusters((MapLog<Uuid, IReadOnlySet<Uuid>>)l)),
        ["config"] = ("1s k v\n", b => TextFieldLog.ParseNamed(b), l => TextFieldLog.FormatNamed((MapLog<string, string>)l)),
        ["maxsize"] = ("1s u 5\n", b => TextFieldLog.ParseMaxSize(b), l => TextFieldLog.FormatMaxSize((MapLog<Uuid, long>)l)),
        ["chunk"] = ("1s u:5 1\n", b => ChunkLog.Parse(b), l => ChunkLog.Format((MapLog<ChunkLogKey, long>)l)),
        ["cid"] = ("1s u c\n", b => ContentIdentifierLog.Parse(b), l => ContentIdentifierLog.Format((MapLog<Uuid, IReadOnlyList<byte[]>>)l)),
        ["export"] = ("1s u:v t\n", b => ExportLog.Parse(b), l => ExportLog.Format((MapLog<ExportParticipants, Exported>)l)),
        ["numcopies"] = ("1s 2\n", b => CopiesLog.Parse(b), l => CopiesLog.Format((SingleValueLog<int>)l)),
        ["metadata"] = ("1s f +v\n", b => MetaDataLog.Parse(b), l => MetaDataLog.Format((SingleValueLog<MetaData>)l)),
        ["transitions"] = ("ForgetGitHistory 1s\n", b => TransitionsLog.Parse(b), l => ((TransitionsLog)l).Format()),
    };

    public static TheoryData<string> Names() => [.. Logs.Keys];

    private static readonly byte[][] BadLines =
    [
        // A leading space: in the old layout a bare word is a valid uuid-only line (as upstream reads it).
        B(" garbage"),
        [.. B("1s 1 u"), 0, .. B("x")],
        [.. B("1s 1 "), 0xff, 0xfe, .. B(" timestamp=1s")],
        [0xc3, 0x28],
        [(byte)' ', .. Enumerable.Repeat((byte)'z', 100 * 1024)],
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void BadLinesAreWarnedAndKeptVerbatim(string name)
    {
        var (good, parse, format) = Logs[name];
        var input = new List<byte>();
        foreach (var bad in BadLines) { input.AddRange(bad); input.Add((byte)'\n'); }
        input.AddRange(B(good));
        var log = parse([.. input]);
        Assert.Equal(BadLines.Length, log.Warnings.Count);
        Assert.Equal(BadLines.Length, log.Unparsed.Count);
        var output = format(log);
        Assert.StartsWith(good, S(output));
        var expectedTail = BadLines.SelectMany(b => b.Append((byte)'\n')).ToArray();
        Assert.Equal(expectedTail, output[^expectedTail.Length..]);
        // Rewriting again is stable: nothing accumulates or disappears.
        Assert.Equal(output, format(parse(output)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RandomBytesNeverThrow(string name)
    {
        var (_, parse, format) = Logs[name];
        var rng = new Random(1234);
        for (var i = 0; i < 200; i++)
        {
            var buf = new byte[rng.Next(0, 200)];
            rng.NextBytes(buf);
            for (var j = 0; j < buf.Length; j++) if (rng.Next(4) == 0) buf[j] = (byte)" 1s:\n+!"[rng.Next(7)];
            var log = parse(buf);
            format(log);
        }
    }

    [Fact]
    public void LongValidLinesAreAccepted()
    {
        var url = "http://example.com/" + new string('a', 100 * 1024);
        var log = PresenceLog.Parse(B($"1s 1 {url}\n"));
        Assert.Empty(log.Warnings);
        Assert.Equal([url], log.Present());
    }

    [Fact]
    public void WarningsCarryLineNumbers()
    {
        var log = PresenceLog.Parse(B("1s 1 a\n\nbad\n2s 1 b\n"));
        Assert.Equal(new LogWarning(3, "unparseable line"), log.Warnings.Single());
    }
}
